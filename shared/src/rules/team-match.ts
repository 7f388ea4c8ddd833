/** Levenshtein distance with an early exit once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      rowMin = Math.min(rowMin, current[j]!);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The existing team name closest to `wanted`, when it is close enough to be a likely typo. */
export function closestTeamName(wanted: string, names: readonly string[]): string | undefined {
  const target = wanted.toLowerCase().replace(/\s+/g, ' ');
  const max = Math.max(1, Math.min(3, Math.floor(target.length / 3)));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const name of names) {
    const lower = name.toLowerCase();
    const d = target.length >= 3 && (lower.includes(target) || target.includes(lower)) ? Math.min(max, Math.abs(lower.length - target.length)) : distance(target, lower, max);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
