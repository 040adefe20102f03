// Validation message codes and their German and English texts, so the UI can show either language.

export const validationMessages = {
  invalid_value: { de: 'Ungültiger Wert.', en: 'Invalid value.' },
  not_a_number: { de: 'Bitte eine Zahl eingeben.', en: 'Please enter a number.' },
  not_a_boolean: { de: 'Ja oder Nein erwartet.', en: 'Expected yes or no.' },
  not_text: { de: 'Text erwartet.', en: 'Expected text.' },
  choice_invalid: { de: 'Ungültige Auswahl.', en: 'Not one of the allowed choices.' },
  text_too_long: { de: 'Der Text ist zu lang.', en: 'The text is too long.' },
  department_invalid: {
    de: 'Ungültige Amtskennung (2–32 Zeichen: a–z, 0–9, „-“).',
    en: 'Invalid department id (2–32 characters: a–z, 0–9, "-").',
  },
  number_invalid: { de: 'Die Drucksachennummer muss wie „949/2019“ aussehen.', en: 'The paper number must look like "949/2019".' },
  gz_invalid: { de: 'Das Geschäftszeichen darf nur Buchstaben, Ziffern, „-“, „/“ und „.“ enthalten.', en: 'The file reference may only hold letters, digits, "-", "/" and ".".' },
  date_invalid: { de: 'Kein gültiges Datum (TT.MM.JJJJ).', en: 'Not a valid date (YYYY-MM-DD).' },
  fte_negative: { de: 'Der Stellenanteil (VZK) darf nicht negativ sein.', en: 'The FTE share must not be negative.' },
  fte_above_one: { de: 'Eine Zeile darf höchstens 1,0 VZK umfassen.', en: 'One row may hold at most 1.0 FTE.' },
  until_required: {
    de: 'Eine Ermächtigung braucht ein Datum „befristet bis“.',
    en: 'An authorization needs an end date ("until").',
  },
  cost_negative: { de: 'Die Jahreskosten dürfen nicht negativ sein.', en: 'The annual cost must not be negative.' },
  year_out_of_range: { de: 'Das Haushaltsjahr muss zwischen 2000 und 2100 liegen.', en: 'The budget year must lie between 2000 and 2100.' },
  year_duplicate: { de: 'Jedes Haushaltsjahr darf nur einmal vorkommen.', en: 'Each budget year may appear only once.' },
  too_many_years: { de: 'Höchstens 12 Haushaltsjahre.', en: 'At most 12 budget years.' },
  year_not_listed: { de: 'Dieses Jahr steht nicht in der Finanztabelle.', en: 'This year is not a column of the finance table.' },
  amount_too_large: { de: 'Der Betrag ist unrealistisch groß.', en: 'The amount is implausibly large.' },
  rich_text_invalid: { de: 'Der formatierte Text ist ungültig.', en: 'The formatted text is not valid.' },
} as const satisfies Record<string, { de: string; en: string }>

export type ValidationCode = keyof typeof validationMessages

export const isValidationCode = (value: string): value is ValidationCode => Object.hasOwn(validationMessages, value)
