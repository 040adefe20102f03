// Demo: GRDrs 949/2019 "Pakt für Integration – Verlängerung des Integrationsmanagements 2020/2021" (from the seeds).
import type * as Y from 'yjs'
import { bulletList, heading, paragraph, richTextDoc } from '../rich-text'
import { addConsultation, addPosition, addResolutionItem, migrateContent, setBody, setHeader, setTitle } from '../model'

export const paktTitle = 'Pakt für Integration – Verlängerung des Integrationsmanagements in den Jahren 2020 und 2021'

const paper532 =
  'GRDrs 532/2017 „Pakt für Integration – Umsetzung bei der Landeshauptstadt Stuttgart und ergänzende Maßnahmen in den Jahren 2018/2019“'
const unlimited = 'Die Ermächtigung kann unbefristet ausgeschrieben und der Arbeitsvertrag unbefristet abgeschlossen werden.'

/** The six Beschlussantrag items as recorded in the SGA minutes of 25.11.2019 (Niederschrift Nr. 181). */
export const paktResolution: string[] = [
  'Die Landeshauptstadt Stuttgart führt das „Integrationsmanagement“, entsprechend dem zwischen dem Land und den kommunalen Spitzenverbänden im April 2017 vereinbarten Pakt für Integration mit den Kommunen (PIK), in den Jahren 2020 und 2021 fort.',
  'Die Umsetzung des Pakts für Integration, im Teilbereich Integrationsmanagement, erfolgt weiterhin in Kooperation mit den bisher in der Flüchtlingsbetreuung tätigen Trägern der Wohlfahrtspflege Stuttgart.',
  `Die mit ${paper532} beschlossene Ermächtigung bis 31.12.2019 für die koordinierende Steuerungsfunktion der Zusammenarbeit von Integrationsmanagern und Persönlichen Ansprechpartnern, 50 % in EG 10 TVöD beim Jobcenter, wird bis 31.12.2021 verlängert. ${unlimited}`,
  `Die mit ${paper532} beschlossene Ermächtigung bis 31.12.2019 für die Planungs- und koordinierende Steuerungsfunktion zur Integration von Flüchtlingen, 100 % in EG 13 TVöD beim Sozialamt, wird bis 31.12.2021 verlängert. ${unlimited}`,
  `Die mit GRDrs 692/2018 „Pakt für Integration – Erfüllung neuer, zusätzlicher Aufgaben aus gesetzlicher Vorschrift bei der Abteilung Sozialplanung, Sozialberichterstattung und Förderung des Sozialamts“ beschlossene Ermächtigung bis 31.12.2019 für Verwaltungs- und Assistenzaufgaben, 50 % in EG 8 TVöD beim Sozialamt, wird bis 31.12.2021 verlängert. ${unlimited}`,
  'Der Finanzierung, wie unter Kapitel „Finanzielle Auswirkungen“ dargestellt, wird zugestimmt.',
]

const body = richTextDoc([
  heading(2, 'Ausgangslage'),
  paragraph(
    `Mit ${paper532} hat der Gemeinderat am 28.09.2017 beschlossen, dass sich die Landeshauptstadt Stuttgart an dem zwischen dem Land Baden-Württemberg und den kommunalen Landesverbänden am 27.04.2017 abgeschlossenen Pakt für Integration mit den Kommunen (PIK) beteiligt. In Teil 1 des PIK ist die soziale Beratung und Begleitung von Geflüchteten (Integrationsmanagement) in der Anschlussunterbringung vereinbart.`,
  ),
  paragraph(
    'Das Integrationsmanagement wird mit 51,1 Stellen (entspricht mehr als 100 Personen) Integrationsmanagerinnen und -managern in Kooperation mit den Trägern der Wohlfahrtspflege umgesetzt. Die Verwaltung schlägt vor, es in den Jahren 2020 und 2021 fortzuführen.',
  ),
  paragraph('Für die Steuerung und Koordination wurden befristete Ermächtigungen eingerichtet, die zum 31.12.2019 enden:'),
  bulletList([
    'Koordinierende Steuerungsfunktion der Zusammenarbeit von Integrationsmanagern und Persönlichen Ansprechpartnern, 50 % in EG 10 TVöD beim Jobcenter',
    'Planungs- und koordinierende Steuerungsfunktion zur Integration von Flüchtlingen, 100 % in EG 13 TVöD beim Sozialamt',
    'Verwaltungs- und Assistenzaufgaben, 50 % in EG 8 TVöD beim Sozialamt',
  ]),
  paragraph('Sie sollen bis 31.12.2021 verlängert werden.'),
  heading(2, 'Personelle Auswirkungen'),
  heading(3, 'Planung und koordinierende Steuerung zur Integration von Flüchtlingen (Sozialamt)'),
  paragraph(
    'Integration ist eine Querschnittsaufgabe, die sowohl strategische als auch operative Aufgaben umfasst. Die Abteilung Sozialplanung, Sozialberichterstattung und Förderung beim Sozialamt ist die Koordinierungsstelle, die sowohl auf strategischer als auch operativer Ebene tätig ist.',
  ),
  paragraph(
    'Für die Integration von Flüchtlingen ist von zentraler Bedeutung, ob und wie die Integration vor Ort, in den Stadtteilen und Quartieren gelingt. Hierbei kann die Sozialplanung des Sozialamts auf sozialräumlich orientierte und quartiersbezogene Planungsansätze zurückgreifen.',
  ),
  heading(3, 'Verwaltung und Assistenz (Sozialamt)'),
  paragraph(
    'Mit Inkrafttreten der Verwaltungsvorschrift „Integration“ des Landes zum PIK wurde eine verwaltungsaufwendige Landesförderung eingeführt. Die Abwicklung der Landesförderung für 51,1 Stellen (entspricht mehr als 100 Personen) Integrationsmanagerinnen und -manager erfordert eine kontinuierliche Sachbearbeitung. Hinzu kommt eine erhebliche Arbeitsvermehrung in Folge eines allgemeinen Aufgabenzuwachses in der Abteilung 50-5 des Sozialamts in den Bereichen der Sozialplanung für Flüchtlinge, Quartiersarbeit, Beteiligung von Einwohnerinnen und Einwohnern in Planungsprozessen und der Sozialberichterstattung.',
  ),
  paragraph(
    'Die Verwaltungs- und Assistenzkräfte der Abteilung 50-5 des Sozialamts werden dringend benötigt als Anlaufstelle für alle Anfragen, bei der Vorbereitung und der Durchführung von Veranstaltungen, bei der Gestaltung von Informationsmaterialien, der Redaktion von Publikationen und zur Erledigung von Verwaltungsvorgängen.',
  ),
  heading(3, 'Koordination der Zusammenarbeit von Integrationsmanagerinnen und -managern mit den persönlichen Ansprechpartnern (Jobcenter)'),
  paragraph(
    'Im Jobcenter Stuttgart kommt der Abteilung Migration und Teilhabe im Bereich Leistungen zur Eingliederung in Arbeit die zentrale Aufgabe der gesamtgesellschaftlichen Integration von geflüchteten Menschen zu. Passgenaue Unterstützungs- und Förderangebote zum Spracherwerb und zur beruflichen Integration werden von den persönlichen Ansprechpartnerinnen und Ansprechpartnern (pAp) unterbreitet.',
  ),
  paragraph(
    'Um die 51,1 Stellen Integrationsmanagerinnen und -manager und die rund 40 persönlichen Ansprechpartnerinnen und Ansprechpartner der Abteilung Migration und Teilhabe im Jobcenter zu vernetzen, wurde im Jobcenter eine Koordinierungs- und Steuerungsstelle im Umfang von 50 % in EG 10 TVöD seit 2018 eingerichtet. Die Ermächtigung endet zum 31.12.2019. Diese 0,5 Stelle wird zumindest für weitere 2 Jahre dringend benötigt.',
  ),
])

/** Fills an empty doc with GRDrs 949/2019. */
export function buildPakt949(doc: Y.Doc): void {
  doc.transact(() => {
    migrateContent(doc)
    setTitle(doc, paktTitle)
    setHeader(doc, {
      number: '949/2019',
      kind: 'Beschlussvorlage',
      referat: 'Referat Soziales und gesellschaftliche Integration',
      gz: 'SI',
      date: '2019-11-13',
      leadDepartment: 'sozialamt',
      signatory: 'In Vertretung\nIsabel Fezer\nBürgermeisterin',
    })
    // The SGA advised on 25.11.2019; the minutes pass the paper on to VA and GR ("weg. VA, GR"), dates not given.
    addConsultation(doc, { committee: 'Sozial- und Gesundheitsausschuss', purpose: 'preliminary', public: true, sessionDate: '2019-11-25' })
    addConsultation(doc, { committee: 'Verwaltungsausschuss', purpose: 'preliminary', public: true, sessionDate: '' })
    addConsultation(doc, { committee: 'Gemeinderat', purpose: 'decision', public: true, sessionDate: '' })
    for (const item of paktResolution) addResolutionItem(doc, [item])
    const extension = { kind: 'authorization', until: '2021-12-31', advertiseUnlimited: true } as const
    addPosition(doc, {
      department: 'jobcenter',
      fte: 0.5,
      payGrade: 'EG 10 TVöD',
      function: 'Koordinierende Steuerungsfunktion der Zusammenarbeit von Integrationsmanagerinnen und -managern mit den persönlichen Ansprechpartnern (pAp)',
      ...extension,
      note: 'Ermächtigung nach GRDrs 532/2017 bis 31.12.2019 (Beschlussantrag Ziff. 3)',
    })
    addPosition(doc, {
      department: 'sozialamt',
      fte: 1,
      payGrade: 'EG 13 TVöD',
      function: 'Planungs- und koordinierende Steuerungsfunktion zur Integration von Flüchtlingen (Abteilung Sozialplanung, Sozialberichterstattung und Förderung)',
      ...extension,
      note: 'Ermächtigung nach GRDrs 532/2017 bis 31.12.2019 (Beschlussantrag Ziff. 4)',
    })
    addPosition(doc, {
      department: 'sozialamt',
      fte: 0.5,
      payGrade: 'EG 8 TVöD',
      function: 'Verwaltungs- und Assistenzaufgaben (Abteilung Sozialplanung, Sozialberichterstattung und Förderung)',
      ...extension,
      note: 'Ermächtigung nach GRDrs 692/2018 bis 31.12.2019 (Beschlussantrag Ziff. 5)',
    })
    setBody(doc, body)
  })
}
