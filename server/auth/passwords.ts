// Password hashing with scrypt from Node's crypto: a salted, memory-hard hash, compared in constant time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/** scrypt's cost as log2 of N: 14 (N = 16 384, ≈ 20 ms) unless PASSWORD_HASH_COST sets another. */
export const defaultPasswordCost = 14
const blockSize = 8
const keyLength = 32

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  )

/** Returns `scrypt$N$r$p$salt$hash` (base64 parts): a stored hash carries its own cost, so changing the cost never locks anyone out. */
export async function hashPassword(password: string, cost = defaultPasswordCost): Promise<string> {
  const salt = randomBytes(16)
  const params = { N: 2 ** cost, r: blockSize, p: 1 } satisfies ScryptOptions
  const key = await derive(password, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) })
  return key.length === expected.length && timingSafeEqual(key, expected)
}
