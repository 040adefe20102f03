// Demo: Mitteilungsvorlage of 24.06.2021 "Integrationsmanagement … – Fortsetzung 2022 und 2023" (from the seeds).
import type * as Y from 'yjs'
import { heading, paragraph, richTextDoc, table } from '../rich-text'
import { addAttachment, addConsultation, addFinanceRow, migrateContent, setBody, setFinanceYears, setHeader, setTitle } from '../model'

export const integrationTitle = 'Integrationsmanagement und begleitende Unterstützungsmaßnahmen – Fortsetzung in den Jahren 2022 und 2023'

const account = '31.60.01.00.00-500 Förderung fr. Träger d. Wohlfahrtspflege/430 Transferaufwendungen'

/** Ergebnishaushalt, TEUR: [measure, need 2022, need 2023, provided 2022, provided 2023]; null is an empty cell. */
export const integrationFinance: [string, number | null, number | null, number | null, number | null][] = [
  ['Jobkraftwerk, EDV-Lizenzkosten', 66, 66, null, null],
  ['OMID', 290, 290, null, null],
  ['Empowerment von Geflüchteten', 100, 100, null, null],
  ['Dolmetschereinsätze', 60, 60, null, null],
  ['Ausbildungscampus', null, 150, 123, 0],
]

const body = richTextDoc([
  paragraph(
    'Mit GRDrs 532/2017 „Pakt für Integration – Umsetzung bei der Landeshauptstadt Stuttgart und ergänzende Maßnahmen in den Jahren 2018/2019“ wurde am 28.09.2017 vom Gemeinderat beschlossen, dass sich die Landeshauptstadt Stuttgart an dem zwischen dem Land Baden-Württemberg und den kommunalen Landesverbänden am 27.04.2017 abgeschlossenen Pakt für Integration mit den Kommunen (PIK) beteiligt. Finanziert wird der PIK aus der Integrationspauschale des Bundes.',
  ),
  paragraph(
    'In Teil 1 des PIK (2018/2019) ist die soziale Beratung und Begleitung von Geflüchteten (Integrationsmanagement) in der Anschlussunterbringung vereinbart. Die Vereinbarung zu diesem Teil des PIK wurde vom Land Baden-Württemberg inzwischen auf 60 Monate verlängert bis 31.12.2022. Für die Beteiligung am Integrationsmanagement hat das Land Baden-Württemberg der Landeshauptstadt Stuttgart mit Bescheid vom 15.12.2020 einen Zuschuss für 51,1 Stellen in Höhe von 16.271.218,33 EUR bewilligt.',
  ),
  paragraph('Im städtischen Doppelhaushalt 2020/2021 wurden folgende ergänzende Maßnahmen beschlossen (Budget in TEUR):'),
  table([
    ['Maßnahme/Angebot', '2020', '2021'],
    ['Sachkostenpauschale für Integrationsmanagement', '227', '227'],
    ['Jobkraftwerk, EDV-Lizenzkosten', '50', '50'],
    ['OMID, Angebot des Caritasverbandes für Stuttgart e. V. für traumatisierte Flüchtlinge in Flüchtlingsunterkünften', '290', '290'],
    ['Empowerment von Geflüchteten', '100', '100'],
    ['Angebot Willkommensräume', '150', '150'],
    ['Schulung von Integrationsmanagerinnen und -managern', '20', '20'],
    ['Dolmetscherkosten', '80', '80'],
    ['Stuttgarter Ausbildungscampus', '119', '123'],
    ['Refugio Stuttgart e. V.', '40', '40'],
    ['pbv, psychosoziales Zentrum Evangelische Gesellschaft Stuttgart e. V.', '57', '58'],
    ['Arrival Aid', '18', '18'],
    ['Summe ergänzende Maßnahmen 2020 und 2021', '1.151', '1.156'],
  ]),
  heading(2, 'Fortsetzung des Integrationsmanagements und ergänzender Maßnahmen in den Jahren 2022 und 2023'),
  paragraph('Derzeit ist offen, ob die Landesförderung für das Integrationsmanagement ab dem Jahr 2023 weiter gewährt wird.'),
  paragraph(
    'Die Sozialverwaltung erachtet vor dem Hintergrund der positiven Erfahrungen in den Jahren 2018 bis 2021 die Fortsetzung des Integrationsmanagements im Jahr 2023 und der im Folgenden aufgeführten ergänzenden Maßnahmen für die Jahre 2022 und 2023 als dringend erforderlich.',
  ),
  heading(3, 'Jobkraftwerk, EDV-Lizenzkosten'),
  paragraph(
    'Die Bewilligung des Landeszuschusses für Integrationsmanagement ist verbunden mit der Auflage, dass regelmäßig umfangreiche Kennzahlenberichte vorzulegen sind. Mit Einführung des Integrationsmanagements wurde die Lizenz für die EDV-Plattform „Jobkraftwerk“ erworben. Die Kosten für die Gebrauchsüberlassung betragen jährlich rd. 65.500 EUR.',
  ),
  heading(3, 'OMID'),
  paragraph(
    'Die Arbeit im Projekt OMID zeichnet sich durch stabilisierende Einzelgespräche sowie niedrigschwellige Gruppenangebote für traumatisierte Geflüchtete aus. Zur Fortsetzung des Angebots OMID werden jährlich städtische Mittel in Höhe von 290.000 EUR jeweils für die Jahre 2022 und 2023 benötigt.',
  ),
  heading(3, 'Förderprogramm Empowerment'),
  paragraph(
    'Mit dem Empowerment-Programm, das von der Abteilung Integrationspolitik koordiniert wird, werden Projekte gefördert, in denen Geflüchtete bei der Planung und Durchführung der Maßnahmen eine aktive Rolle spielen. Für 2022 und 2023 werden jeweils 100.000 EUR benötigt.',
  ),
  heading(3, 'Dolmetschereinsätze'),
  paragraph('Im Jahr 2019 fanden insgesamt 1.738 Gespräche mit Unterstützung von Dolmetschern statt. Die Themenschwerpunkte waren:'),
  table([
    ['Rechtsangelegenheiten', '181 Gespräche (10 %)'],
    ['Finanzangelegenheiten', '51 Gespräche (3 %)'],
    ['Erziehung/Beziehungskonflikte', '854 Gespräche (49 %)'],
    ['Medizinische Versorgung', '652 Gespräche (38 %)'],
  ]),
  paragraph(
    'Aufgrund der sich verbessernden Deutschkenntnisse der Geflüchteten werden zur Finanzierung von Dolmetschereinsätzen in den Jahren 2022 und 2023 jährlich Mittel in Höhe von 60.000 EUR benötigt.',
  ),
  heading(3, 'Ausbildungscampus'),
  paragraph(
    'Der Stuttgarter Bildungscampus e. V. verfolgt mit seinem Angebot Ausbildungscampus das Ziel der sozialen und beruflichen Integration von jungen Geflüchteten und Neuzugewanderten. Die Sozialverwaltung unterstützt den Antrag auf Verlängerung des Förderzeitraums um ein Jahr bis 31.12.2023; im Jahr 2023 wird ein städtischer Zuschuss in Höhe von 149.810 EUR (53 %) benötigt.',
  ),
])

/** Fills an empty doc with the Mitteilungsvorlage of 24.06.2021. */
export function buildIntegration2022(doc: Y.Doc): void {
  doc.transact(() => {
    migrateContent(doc)
    setTitle(doc, integrationTitle)
    setHeader(doc, {
      number: '',
      kind: 'Mitteilungsvorlage',
      referat: 'Referat Soziales und gesellschaftliche Integration',
      gz: 'SI',
      date: '2021-06-24',
      leadDepartment: 'sozialamt',
    })
    addConsultation(doc, { committee: 'Sozial- und Gesundheitsausschuss', purpose: 'information', public: true, sessionDate: '2021-07-12' })
    addConsultation(doc, { committee: 'Internationaler Ausschuss', purpose: 'information', public: true, sessionDate: '2021-07-21' })
    setFinanceYears(doc, [2022, 2023])
    for (const [measure, need2022, need2023, provided2022, provided2023] of integrationFinance) {
      addFinanceRow(doc, {
        account,
        measure,
        need: { 2022: need2022, 2023: need2023 },
        provided: { 2022: provided2022, 2023: provided2023 },
      })
    }
    addAttachment(doc, { title: 'Anträge der Träger' })
    setBody(doc, body)
  })
}
