// What a new password must be: long, not the user name, not one of the passwords everybody tries first.
export const minPasswordLength = 12
export const maxPasswordLength = 1000

// The most common passwords of breach lists that are 12 characters or longer, plus local favourites.
const commonPasswords = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789012345', '1234567890qwertz', '1234567890qwerty',
  'qwertyuiopasdfghjkl', 'qwertzuiopasdfghjkl', 'qwertyuiop123', 'qwertzuiop123', 'passwordpassword', 'password1234',
  'password12345', 'password123456', 'passwort1234', 'passwort12345', 'passwort123456', 'passwortpasswort',
  'iloveyou1234', 'abcdefghijkl', 'abcdefghijklm', 'abc123abc123', 'aaaaaaaaaaaa', '111111111111', '000000000000',
  'letmein12345', 'welcome12345', 'willkommen123', 'willkommen1234', 'hallo1234567', 'sommer2024!!', 'winter2024!!',
  'stuttgart123', 'stuttgart1234', 'mitzeichnung', 'mitzeichnung1', 'mitzeichnung123', 'changeme1234', 'geheim123456',
])

/** Undefined when the password may be used; otherwise why not, as one sentence. */
export function passwordProblem(password: string, username: string): string | undefined {
  const normalized = password.normalize('NFC')
  const lower = normalized.toLowerCase()
  if ([...normalized].length < minPasswordLength) return `password must have at least ${minPasswordLength} characters`
  if (normalized.length > maxPasswordLength) return `password must have at most ${maxPasswordLength} characters`
  if (username && lower.includes(username.toLowerCase())) return 'password must not contain the user name'
  if (new Set(lower).size < 4) return 'password must use at least 4 different characters'
  if (commonPasswords.has(lower)) return 'password is one of the most common passwords; choose another'
  return undefined
}
