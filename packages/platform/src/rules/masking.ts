/**
 * The masked form of a phone number (contract "Personal data": `138****5678`):
 * the first three and last four digits stay, the rest become asterisks.
 */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
