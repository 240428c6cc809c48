// French identifiers whose validity is more than a pattern. Registered as ajv formats both in
// the runtime factory and in the precompiled validators (imported by generated/validators.js).

// RPPS numbers end with a Luhn check digit computed over the first ten digits.
export function isRppsNumber(value: string): boolean {
  if (!/^[0-9]{11}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < value.length; i += 1) {
    let digit = value.charCodeAt(value.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export const frenchFormats = {
  rpps: { type: 'string', validate: isRppsNumber },
} as const;
