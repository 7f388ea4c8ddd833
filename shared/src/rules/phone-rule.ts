import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

const regionNames = new Intl.DisplayNames(['en-GB'], { type: 'region' });
const countryName = (country: string) => {
  const name = regionNames.of(country) ?? country;
  return name === 'United Kingdom' ? 'UK' : name;
};

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string; summary: string };

/**
 * Reads a phone number written the way people write them (spaces, brackets, national or
 * international format) and returns it in E.164, or says plainly why it cannot be used.
 * Uses the "max" metadata: "min" only checks lengths (its isValid acts like isPossible).
 */
export function parsePhone(raw: string, defaultCountry: CountryCode): PhoneResult {
  const text = raw.trim();
  const fail = (message: string): PhoneResult => ({ ok: false, message, summary: message });
  if (text.length > 40) return fail('is too long to be a phone number; enter one number only');
  if (!/\d/.test(text) || /[a-z]/i.test(text.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
    return fail('is not a phone number; use digits, with + and the country code for numbers outside your country');
  }
  // The common case first: one parse and one validity check. Working out *why* a number is bad
  // costs a second parse, so only bad numbers pay for it.
  const phone = parsePhoneNumberFromString(text, defaultCountry);
  if (phone?.isValid()) return { ok: true, e164: phone.number };
  const where = countryName(phone?.country ?? defaultCountry);
  switch (validatePhoneNumberLength(text, defaultCountry)) {
    case 'NOT_A_NUMBER':
      return fail('is not a phone number; use digits, with + and the country code for numbers outside your country');
    case 'INVALID_COUNTRY':
      return fail('starts with a country code that does not exist; check the digits after +');
    case 'TOO_SHORT':
      return fail(`is too short for a ${where} number; check for missing digits`);
    case 'TOO_LONG':
      return fail(`is too long for a ${where} number; check for extra digits`);
    case 'INVALID_LENGTH':
      return fail(`has the wrong number of digits for a ${where} number`);
  }
  return fail(`is not a valid ${where} number; check the digits, and add + and the country code for numbers from other countries`);
}
