// The throttle and the author reading behind the board's edit announcements (client/src/board/edit-announcements.ts).
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { authorsOf, createAnnouncementThrottle } from '../../client/src/board/edit-announcements'

describe('edit announcements', () => {
  it('the same person in the same field is announced once per window; another field or person at once', () => {
    let now = 0
    const mayAnnounce = createAnnouncementThrottle(10_000, () => now)
    expect(mayAnnounce('jonas body')).toBe(true)
    now = 9_999
    expect(mayAnnounce('jonas body')).toBe(false)
    expect(mayAnnounce('jonas header/gz')).toBe(true)
    expect(mayAnnounce('sabine body')).toBe(true)
    now = 10_000
    expect(mayAnnounce('jonas body')).toBe(true)
    expect(mayAnnounce('jonas header/gz')).toBe(false)
  })

  it("a remote update's authors are the clients whose clocks it advanced", () => {
    const jonas = new Y.Doc()
    const sabine = new Y.Doc()
    const mine = new Y.Doc()
    jonas.getText('body').insert(0, 'Begründung')
    sabine.getText('body').insert(0, 'Anlagen')
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(sabine))
    const seen: number[][] = []
    mine.on('afterTransaction', (transaction: Y.Transaction) => seen.push(authorsOf(transaction)))
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(jonas))
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(sabine))
    expect(seen).toEqual([[jonas.clientID], []])
  })
})
