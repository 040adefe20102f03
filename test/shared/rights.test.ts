// The one rights rule, as every caller (REST, WebSocket upgrade, socket re-check, client) applies it.
import { describe, expect, it } from 'vitest'
import type { ProposalStatus } from '../../shared/proposal'
import type { RecordStatus } from '../../shared/record'
import { rightsOf } from '../../shared/rights'

const record = (status: ProposalStatus, involved: string[] = ['akr']): RecordStatus => ({
  status,
  leadDepartmentId: 'sozialamt',
  involved: involved.map((departmentId) => ({ departmentId, sections: ['finance'] })),
})

describe('rightsOf', () => {
  it('members edit unless they are viewers or the proposal is released; outsiders read', () => {
    expect(rightsOf({ departmentId: 'sozialamt', role: 'editor' }, record('draft')).canEdit).toBe(true)
    expect(rightsOf({ departmentId: 'akr', role: 'editor' }, record('cosigning')).canEdit).toBe(true)
    expect(rightsOf({ departmentId: 'akr', role: 'viewer' }, record('cosigning')).canEdit).toBe(false)
    expect(rightsOf({ departmentId: 'jobcenter', role: 'lead' }, record('cosigning')).canEdit).toBe(false)
    expect(rightsOf({ departmentId: 'sozialamt', role: 'lead' }, record('released')).canEdit).toBe(false)
  })

  it('only a lead of the lead department steers; only a lead of an involved department signs', () => {
    const lead = rightsOf({ departmentId: 'sozialamt', role: 'lead' }, record('cosigning'))
    expect([lead.canSteer, lead.canSign]).toEqual([true, false])
    const akrLead = rightsOf({ departmentId: 'akr', role: 'lead' }, record('cosigning'))
    expect([akrLead.canSteer, akrLead.canSign]).toEqual([false, true])
    const akrEditor = rightsOf({ departmentId: 'akr', role: 'editor' }, record('cosigning'))
    expect([akrEditor.canSteer, akrEditor.canSign]).toEqual([false, false])
  })

  it('members are the lead department first, then the involved ones; everyone but viewers comments', () => {
    const rights = rightsOf({ departmentId: 'wfb', role: 'editor' }, record('cosigning', ['akr', 'wfb']))
    expect(rights.memberDepartmentIds).toEqual(['sozialamt', 'akr', 'wfb'])
    expect(rights.canComment).toBe(true)
    expect(rights.status).toBe('cosigning')
    expect(rightsOf({ departmentId: 'wfb', role: 'viewer' }, record('cosigning')).canComment).toBe(false)
  })

  it('an involved department set to suggest edits only by suggestion; the lead department decides on suggestions', () => {
    const suggesting: RecordStatus = { ...record('cosigning'), involved: [{ departmentId: 'jobcenter', sections: ['body'], editMode: 'suggest' }, { departmentId: 'akr', sections: ['body'] }] }
    const jobcenter = rightsOf({ departmentId: 'jobcenter', role: 'editor' }, suggesting)
    expect([jobcenter.canEdit, jobcenter.mustSuggest, jobcenter.canDecideSuggestions]).toEqual([true, true, false])
    const akr = rightsOf({ departmentId: 'akr', role: 'editor' }, suggesting)
    expect([akr.mustSuggest, akr.canDecideSuggestions]).toEqual([false, false])
    const leadEditor = rightsOf({ departmentId: 'sozialamt', role: 'editor' }, suggesting)
    expect([leadEditor.mustSuggest, leadEditor.canDecideSuggestions]).toEqual([false, true])
    const viewer = rightsOf({ departmentId: 'jobcenter', role: 'viewer' }, suggesting)
    expect([viewer.canEdit, viewer.mustSuggest]).toEqual([false, false])
    expect(rightsOf({ departmentId: 'sozialamt', role: 'lead' }, { ...suggesting, status: 'released' }).canDecideSuggestions).toBe(false)
  })
})
