import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** How the page writes numbers and counted things: one place, so every view agrees. */

const numbers = new Intl.NumberFormat('en-GB');
const plurals = new Intl.PluralRules('en-GB');

/** 60000 -> "60,000". */
export const fmt = (n: number) => numbers.format(n);

/**
 * "1 row", "60,000 rows": the number with the right form of the noun.
 * `plural` defaults to the noun with an "s" (pass it for "person"/"people" and the like).
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${fmt(n)} ${plurals.select(n) === 'one' ? singular : plural}`;
}

/** The verb that goes with a count: "1 row is", "2 rows are". */
export const isAre = (n: number) => (plurals.select(n) === 'one' ? 'is' : 'are');

export function fileSize(bytes: number): string {
  if (bytes < 1024) return count(bytes, 'byte');
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "About 1 second left", "About 3 minutes left". */
export function timeLeftWords(seconds: number): string {
  return seconds < 60 ? `About ${count(seconds, 'second')} left` : `About ${count(Math.ceil(seconds / 60), 'minute')} left`;
}

/** A phone stored in E.164 written as people of the account's country write it ("07911 123456" in GB). */
export function nationalPhone(e164: string | null, country: string | undefined): string {
  if (!e164) return '—';
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  // By calling code, not country: +44 7911 is Guernsey's range too, and is national in GB.
  let home: string | undefined;
  try {
    home = country ? getCountryCallingCode(country as CountryCode) : undefined;
  } catch {
    home = undefined; // not a country the metadata knows
  }
  return phone.countryCallingCode === home ? phone.formatNational() : phone.formatInternational();
}
