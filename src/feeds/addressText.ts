/**
 * Characters that show as nothing: Discord's replies put a zero-width space
 * after "https:" in text that must not be clickable, so an address copied
 * out of a reply carries one, and new URL() refuses it.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** An address as typed or pasted, without the invisible characters a copy from a reply brings along. */
export const withoutInvisible = (text: string): string => text.replace(INVISIBLE, '');

// Characters a reply's link percent-encodes so no markup can start inside it (linkTarget); the encoded and plain forms lead to the same page.
const LINK_ESCAPED = /%(28|29|5B|5D|27|2A|5F|7E|7C)/gi;

/** An address with the characters a reply's link encodes written plainly again. */
const unescaped = (address: string): string =>
  address.replace(LINK_ESCAPED, (_all, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** Whether two normalised addresses name the same feed, one of them perhaps copied from a reply's link. */
export const sameAddress = (a: string, b: string): boolean => a === b || unescaped(a) === unescaped(b);
