// Swedish is the reference language: en.ts must have exactly these keys.
export const sv = {
  app: {
    name: 'Dataskydd',
    tagline: 'GDPR-stöd för småföretag',
    version: 'Version {{version}}',
  },
  nav: {
    overview: 'Översikt',
    areas: 'Områden',
  },
  language: {
    label: 'Språk',
    sv: 'Svenska',
    en: 'English',
  },
  status: {
    title: 'Översikt',
    subtitle: 'Det här finns i databasen just nu.',
    dataFolder: 'Datamapp',
    database: 'Databas',
    storeOpen: 'Öppen',
    noStore: 'Ingen databas ännu',
    noStoreHint: 'Skapa databasen med kommandot {{command}} och starta om appen.',
    totalRecords: 'Poster totalt',
    typesInUse: 'Typer med poster',
    refresh: 'Uppdatera',
    loading: 'Läser in…',
    records_one: '{{formatted}} post',
    records_other: '{{formatted}} poster',
  },
  areas: {
    Workcloud: 'Workcloud',
    Time: 'Tid',
    GDPR: 'GDPR',
    Settings: 'Inställningar',
    system: 'Systemloggar',
  },
  import: {
    button: 'Importera…',
    running: 'Importerar…',
    progress: '{{percent}} % inläst',
    successTitle: 'Importen är klar',
    success_one: '{{formatted}} post importerades.',
    success_other: '{{formatted}} poster importerades.',
    failedTitle: 'Importen stoppades – ingenting sparades',
    failedHint: 'Rätta raderna nedan och importera filerna igen.',
    columnFile: 'Fil',
    columnLine: 'Rad',
    columnField: 'Fält',
    columnProblem: 'Fel',
    wholeLine: '(hela raden)',
    close: 'Stäng',
    cancel: 'Avbryt',
    cancelled: 'Importen avbröts – ingenting sparades.',
  },
  export: {
    button: 'Exportera…',
    running: 'Exporterar…',
    progress: '{{percent}} % skrivet',
    successTitle: 'Exporten är klar',
    success_one: '{{formatted}} post sparades i {{file}}.',
    success_other: '{{formatted}} poster sparades i {{file}}.',
    cancel: 'Avbryt',
    cancelled: 'Exporten avbröts – ingen fil skrevs.',
  },
  errors: {
    title: 'Något gick fel',
    internal: 'Ett oväntat fel inträffade. Försök igen; om felet kvarstår, kontakta support.',
    no_store: 'Det finns ingen databas i datamappen ännu.',
    file_not_found: 'Filen finns inte.',
    bad_request: 'Begäran var ogiltig.',
    cancelled: 'Åtgärden avbröts.',
    busy: 'En import eller export pågår redan. Vänta tills den är klar.',
    details: 'Teknisk information: {{message}}',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every language must have. */
export type Translation = Widen<typeof sv>;
