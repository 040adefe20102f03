// What the exported papers must say, in order, for the two demo proposals of the export fixture.
import { paktResolution } from '../../shared/demo/pakt-949-2019'
import { akrRemark, integrationTitle, paktTitle, wfbRemark } from './setup'

export const sectionHeadings = {
  pakt: [
    'Beschlussantrag',
    'Begründung',
    'Stellen und Ermächtigungen',
    'Finanzielle Auswirkungen',
    'Mitzeichnung der beteiligten Stellen',
    'Vorliegende Anträge/Anfragen',
    'Erledigte Anträge/Anfragen',
    'Anlagen',
  ],
  integration: [
    'Bericht',
    'Finanzielle Auswirkungen',
    'Mitzeichnung der beteiligten Stellen',
    'Vorliegende Anträge/Anfragen',
    'Erledigte Anträge/Anfragen',
    'Anlagen',
  ],
}

export const headerBlock = {
  pakt: ['Landeshauptstadt Stuttgart', 'Referat Soziales und gesellschaftliche Integration', 'Gz: SI', 'GRDrs 949/2019', 'Stuttgart, 13.11.2019'],
  integration: ['Landeshauptstadt Stuttgart', 'Referat Soziales und gesellschaftliche Integration', 'Gz: SI', 'Stuttgart, 24.06.2021'],
}

export const consultations = {
  pakt: [
    'Vorlage an', 'zur', 'Sitzungsart', 'Sitzungstermin',
    'Sozial- und Gesundheitsausschuss', 'Vorberatung', 'öffentlich', '25.11.2019',
    'Verwaltungsausschuss', 'Vorberatung', 'öffentlich',
    'Gemeinderat', 'Beschlussfassung', 'öffentlich',
  ],
  integration: [
    'Vorlage an', 'zur', 'Sitzungsart', 'Sitzungstermin',
    'Sozial- und Gesundheitsausschuss', 'Kenntnisnahme', 'öffentlich', '12.07.2021',
    'Internationaler Ausschuss', 'Kenntnisnahme', 'öffentlich', '21.07.2021',
  ],
}

export const paktResolutionItems = paktResolution

/** Each position row, cell by cell, and the sum row. */
export const paktPositionRows = [
  ['1.', 'Jobcenter', 'Koordinierende Steuerungsfunktion', '0,5', 'EG 10 TVöD', 'Ermächtigung bis 31.12.2021', 'kann unbefristet ausgeschrieben werden'],
  ['2.', 'Sozialamt', 'Planungs- und koordinierende Steuerungsfunktion', '1,0', 'EG 13 TVöD', 'Ermächtigung bis 31.12.2021'],
  ['3.', 'Sozialamt', 'Verwaltungs- und Assistenzaufgaben', '0,5', 'EG 8 TVöD', 'Ermächtigung bis 31.12.2021'],
  ['Summe', '2,0'],
  ['Insgesamt 2,0 VZK, davon Jobcenter 0,5 VZK, Sozialamt 1,5 VZK.'],
]

/** Need by year with the Finanzbedarf sums (516, 666), then the funds already provided. */
export const integrationFinanceCells = [
  'Maßnahme/Kontengr.', '2022 TEUR', '2023 TEUR',
  '31.60.01.00.00-500 Förderung fr. Träger d. Wohlfahrtspflege/430 Transferaufwendungen',
  'Jobkraftwerk, EDV-Lizenzkosten', '66', '66',
  'OMID', '290', '290',
  'Empowerment von Geflüchteten', '100', '100',
  'Dolmetschereinsätze', '60', '60',
  'Ausbildungscampus', '–', '150',
  'Finanzbedarf', '516', '666',
  'Für diesen Zweck im Haushalt/Finanzplan bisher bereitgestellte Mittel:',
  'Ausbildungscampus', '123', '0',
  'Summe bereitgestellte Mittel', '123', '0',
]

/** The stances in prose, AKR before WFB, as the papers word them (no "(gez. …)": real papers carry none). */
export const stances = [
  `Referat AKR hat die Vorlage mit folgendem Hinweis mitgezeichnet: ${akrRemark}`,
  `Referat WFB ist der Auffassung, ${wfbRemark}.`,
]

export const titles = { pakt: paktTitle, integration: integrationTitle }
