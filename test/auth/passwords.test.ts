// Password hashes: scrypt at N = 16 384 unless configured, each hash carrying its own cost.
import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../server/auth/passwords'
import { ConfigError, loadConfig } from '../../server/config'

const costOf = (hash: string) => Number(hash.split('$')[1])

describe('password hashes', () => {
  it('are scrypt with N = 16 384 by default, and PASSWORD_HASH_COST accepts only 10 to 20', () => {
    expect(loadConfig({}).passwordHashCost).toBe(14)
    expect(loadConfig({ PASSWORD_HASH_COST: '16' }).passwordHashCost).toBe(16)
    expect(() => loadConfig({ PASSWORD_HASH_COST: '9' })).toThrow(ConfigError)
    expect(() => loadConfig({ PASSWORD_HASH_COST: '21' })).toThrow(/PASSWORD_HASH_COST must be at most 20/)
  })

  it('carry their own cost, so a hash made at another cost still verifies after the setting changed', async () => {
    const strong = await hashPassword('korrekt Pferd Batterie')
    const cheap = await hashPassword('korrekt Pferd Batterie', 10)
    expect(strong).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(costOf(cheap)).toBe(1024)
    expect(await verifyPassword('korrekt Pferd Batterie', strong)).toBe(true)
    expect(await verifyPassword('korrekt Pferd Batterie', cheap)).toBe(true)
    expect(await verifyPassword('korrekt Pferd Batteri', cheap)).toBe(false)
  })
})
