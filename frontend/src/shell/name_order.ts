// The order of run, tag and group names in every dashboard: `Intl.Collator('en', { numeric: true })`,
// as TensorBoard sorts them ("metric_4" < "metric_12", "a" < "B"). Names of printable ASCII (nearly
// all of them) are compared by an exact re-statement of that collator's rules for those characters
// (compareAscii); any other name goes to the collator itself.
//
// Why not the collator for everything: the page's first comparison builds the collator, and with it
// loads ICU's collation data, 20–70 ms of main-thread work while the Scalars page opens (the tag
// order of its first screen), and each comparison then crosses into ICU. The fast path needs neither.
// test/name_order.test.ts checks it against the collator on every printable ASCII character and on
// many random names. Pure functions; the collator is built on first use and shared.

let collator: Intl.Collator | undefined;

/** Where each printable ASCII character sorts at the collator's first level (its primary weight). */
const PRIMARY_ORDER = ` _-,;:!?.'"()[]{}@*/\\&#%\`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz`;
/** The rank every digit run takes against other characters: runs compare by their value. */
const DIGITS = PRIMARY_ORDER.indexOf('0');

/** Primary rank by character code (upper case as lower), -1 outside printable ASCII. */
const RANK = new Int8Array(128).fill(-1);
for (let i = 0; i < PRIMARY_ORDER.length; i++) {
  const code = PRIMARY_ORDER.charCodeAt(i);
  RANK[code] = i;
  if (code >= 97 && code <= 122) RANK[code - 32] = i;
}

/** Longest digit run the fast path compares; ICU splits longer ones, so those go to the collator. */
const MAX_DIGITS = 200;
/** compareAscii's answer when the names are not both printable ASCII. */
const NOT_ASCII = 2;

/** Whether every character of `name` is printable ASCII (the fast path's domain). */
function printableAscii(name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    const code = name.charCodeAt(k);
    if (code >= 128 || RANK[code] < 0) return false;
  }
  return true;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

/**
 * The collator's comparison of `a` and `b` when both are printable ASCII, else NOT_ASCII. Its
 * rules for those characters: first, the names' characters by PRIMARY_ORDER (punctuation before
 * digits before letters, letters without case), each run of digits as one number that compares by
 * value (leading zeros count for nothing) and before every letter; a name that is the start of the
 * other first. Only if all of that is equal: the first letter whose case differs, lower case first.
 * Otherwise the names are equal (0), as for the collator ("a01" and "a1").
 */
function compareAscii(a: string, b: string): number {
  // Whole names, not just up to the first difference: a character outside printable ASCII later
  // on can still change the answer (another script's digit continues a number; a control
  // character is ignored).
  if (!printableAscii(a) || !printableAscii(b)) return NOT_ASCII;
  let i = 0;
  let j = 0;
  let caseOrder = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (isDigit(x) && isDigit(y)) {
      // Two numbers: skip leading zeros; more significant digits is larger; then digit by digit.
      let ie = i;
      let je = j;
      while (ie < a.length && isDigit(a.charCodeAt(ie))) ie++;
      while (je < b.length && isDigit(b.charCodeAt(je))) je++;
      if (ie - i > MAX_DIGITS || je - j > MAX_DIGITS) return NOT_ASCII;
      while (i < ie - 1 && a.charCodeAt(i) === 48) i++;
      while (j < je - 1 && b.charCodeAt(j) === 48) j++;
      if (ie - i !== je - j) return ie - i < je - j ? -1 : 1;
      for (; i < ie; i++, j++) {
        const d = a.charCodeAt(i) - b.charCodeAt(j);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      continue;
    }
    const rx = isDigit(x) ? DIGITS : RANK[x];
    const ry = isDigit(y) ? DIGITS : RANK[y];
    if (rx !== ry) return rx < ry ? -1 : 1;
    if (caseOrder === 0 && x !== y) caseOrder = isUpper(x) ? 1 : -1;
    i++;
    j++;
  }
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return caseOrder;
}

/** Orders names as TensorBoard does: digit runs compare as numbers ("metric_4" < "metric_12"). */
export function compareNames(a: string, b: string): number {
  const order = compareAscii(a, b);
  if (order !== NOT_ASCII) return order;
  collator ??= new Intl.Collator('en', { numeric: true });
  return collator.compare(a, b);
}
