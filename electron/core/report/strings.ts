/**
 * Every word the case report prints, one table per language (the app's `language` setting picks one). The report is
 * built in the engine, which may not import the renderer (dependency rule), and it is a signed, archived document: its
 * wording changes only with the report, never because a button label was reworded. So it keeps its own table instead
 * of sharing the UI's i18n keys. `es` is typed by `en`, so a missing or extra key is a compile error.
 *
 * Values from Didit's API (statuses, methods, roles, match types, dataset names) are printed through `valueLabel`:
 * a known constant gets its translation, anything else is made readable (`ACTIVE_3D` → "Active 3D").
 */
import type { CheckFlag, CheckKey, CheckOutcome } from '../../../shared/case-signals.js';

export type ReportLanguage = 'en' | 'es';

const en = {
  documentTitle: 'Case report {id}',
  title: 'Case report: {subject}',
  subtitleKyc: 'KYC session {number} · {status}',
  subtitleKyb: 'KYB session {number} · {status}',
  footer: 'Countersign case report · generated {at}',
  page: 'page {n} of {total}',
  unnamed: 'Unnamed subject',
  none: '—',
  yes: 'Yes',
  no: 'No',
  // Session
  session: 'Session',
  status: 'Status',
  sessionNumber: 'Session number',
  vendorData: 'Customer reference',
  workflow: 'Workflow',
  created: 'Created',
  connection: 'Received through',
  provenance: 'Provenance',
  partner: 'Partner',
  originalSession: 'Original session',
  originalStatus: 'Original decision',
  trustReview: 'Partner’s review trusted',
  importedAt: 'Imported at',
  importedBy: 'Imported by',
  unknownPartner: 'Unregistered partner',
  // Check summary
  checkSummary: 'Check summary',
  check: 'Check',
  result: 'Result',
  score: 'Score',
  threshold: 'Threshold',
  warnings: 'Warnings',
  flags: 'Flags',
  noChecks: 'The session carries no checks yet.',
  scoreVsThreshold: '{score} (threshold {threshold})',
  belowThreshold: 'below the threshold of {threshold}',
  // Decision
  signOff: 'Decision and sign-off',
  noDecision: 'No decision has been recorded in this workspace.',
  decision: 'Decision',
  decidedBy: 'Decided by',
  decidedAt: 'Decided at',
  delivery: 'Delivery to Didit',
  comment: 'Comment',
  reasons: 'Reasons',
  stepsToRedo: 'Steps to redo',
  serverDecision: 'Decision already on the server',
  syncedAt: 'Sent at',
  unknownAnalyst: 'Analyst not recorded',
  serverReviews: 'Reviews on the server',
  reviewLine: '{at} · {status} · {user}',
  notes: 'Notes',
  // KYC sections
  identityDocument: 'Identity document',
  fullName: 'Full name',
  document: 'Document',
  documentNumber: 'Document number',
  documentSubtype: 'Document subtype',
  personalNumber: 'Personal number',
  issuingState: 'Issuing state',
  dateOfBirth: 'Date of birth',
  age: 'Age',
  gender: 'Gender',
  nationality: 'Nationality',
  issued: 'Issued',
  expires: 'Expires',
  address: 'Address',
  placeOfBirth: 'Place of birth',
  front: 'Front',
  back: 'Back',
  portrait: 'Portrait',
  nfcChip: 'NFC chip',
  sod: 'Security object (SOD)',
  dataGroups: 'Data groups',
  verified: 'verified',
  failed: 'FAILED',
  chipDocument: 'Chip document',
  chipName: 'Name on chip',
  certificateIssuer: 'Certificate issuer',
  certificateSubject: 'Certificate subject',
  certificateValid: 'Certificate valid',
  chipPortrait: 'Chip portrait',
  chipSignature: 'Chip signature',
  liveness: 'Liveness',
  method: 'Method',
  ageEstimation: 'Estimated age',
  referenceImage: 'Reference image',
  faceMatch: 'Face match',
  referenceFromSession: 'Reference from session',
  sourceImage: 'Reference face',
  targetImage: 'Selfie',
  databaseValidation: 'Database validation',
  matchType: 'Match type',
  validationType: 'Validation type',
  proofOfAddress: 'Proof of address',
  issuer: 'Issuer',
  language: 'Language',
  nameOnDocument: 'Name on document',
  phone: 'Phone',
  number: 'Number',
  country: 'Country',
  carrier: 'Carrier',
  risk: 'Risk',
  email: 'Email',
  breach: 'Breach',
  ipAnalysis: 'IP analysis',
  ipAddress: 'IP address',
  location: 'Location',
  ispOrganization: 'ISP / organization',
  device: 'Device',
  timeZone: 'Time zone',
  // AML
  amlScreening: 'AML screening',
  amlScreeningOf: 'AML screening ({entity})',
  hits: 'Hits',
  screeningScore: 'Screening score',
  noHits: 'No hits.',
  hit: 'Hit',
  disposition: 'Disposition',
  dispositionBy: '{status}, by {analyst} on {at}',
  rationale: 'Rationale',
  lists: 'Lists',
  matchScore: 'Match score',
  riskScore: 'Risk score',
  firstLastSeen: 'First / last seen',
  sanctionList: 'Sanctions list',
  program: 'Program',
  listedOn: 'Listed on',
  authority: 'Authority',
  listingReason: 'Reason',
  pepPosition: 'PEP position',
  pepLevel: 'Level',
  inOffice: 'In office',
  warningList: 'Warning list',
  adverseMedia: 'Adverse media',
  source: 'Source',
  // KYB
  companyRegistry: 'Company registry',
  companyInChain: 'Company in the ownership chain: {name}',
  companyName: 'Company name',
  registrationNumber: 'Registration number',
  companyType: 'Company type',
  registryStatus: 'Registry status',
  incorporated: 'Incorporated',
  registeredAddress: 'Registered address',
  taxNumber: 'Tax number',
  alternativeNames: 'Alternative names',
  lei: 'Legal entity identifier',
  natureOfBusiness: 'Nature of business',
  registeredCapital: 'Registered capital',
  fromRegistry: 'From the registry',
  registryWarnings: 'Registry warnings',
  ownershipChain: 'Ownership chain',
  ownershipChainNote: 'Direct shares as registered; each owner is listed under the company it holds.',
  ubos: 'Beneficial owners',
  uboNote:
    'Effective ownership multiplies the shares along each path and adds up the paths. Owners at or above {threshold} are beneficial owners (marked ●).',
  owner: 'Owner',
  type: 'Type',
  effective: 'Effective',
  paths: 'Held through',
  kycStatus: 'KYC',
  keyPeople: 'Key people',
  keyPeopleOf: 'Key people of {company}',
  name: 'Name',
  roles: 'Roles',
  owned: '{pct} owned',
  voting: '{pct} voting',
  companyDocuments: 'Company documents: {group}',
  documentsSummary: '{approved} of {expected} approved · {pending} pending review · {missing} missing',
  file: 'File',
  companyDocument: 'Company document',
  questionnaire: 'Questionnaire',
  questionnaireTitled: 'Questionnaire: {title}',
  noAnswer: 'No answer',
  // Other
  unreadable: 'Parts that could not be read',
  unreadableNote:
    'These parts of the session had a shape the app does not know. They are printed as received; the rest of the report is complete.',
  moreLines: '… ({n} more lines)',
  auditTrail: 'Audit trail',
  noAudit: 'No audit entries for this session.',
  auditColumns: 'Entry',
  when: 'When',
  event: 'Event',
  actor: 'By',
  hash: 'Hash',
  identifiers: 'Identifiers',
  sessionId: 'Session id',
  workflowId: 'Workflow id',
  sourceApplicationId: 'Partner application id',
  connectionId: 'Connection id',
  generatedAt: 'Report generated',
  person: 'Person',
  company: 'Company',
};

export type StringKey = keyof typeof en;

const es: Record<StringKey, string> = {
  documentTitle: 'Informe del caso {id}',
  title: 'Informe del caso: {subject}',
  subtitleKyc: 'Sesión KYC {number} · {status}',
  subtitleKyb: 'Sesión KYB {number} · {status}',
  footer: 'Informe del caso de Countersign · generado el {at}',
  page: 'página {n} de {total}',
  unnamed: 'Sujeto sin nombre',
  none: '—',
  yes: 'Sí',
  no: 'No',
  session: 'Sesión',
  status: 'Estado',
  sessionNumber: 'Número de sesión',
  vendorData: 'Referencia del cliente',
  workflow: 'Flujo',
  created: 'Creada',
  connection: 'Recibida por',
  provenance: 'Procedencia',
  partner: 'Socio',
  originalSession: 'Sesión original',
  originalStatus: 'Decisión original',
  trustReview: 'Revisión del socio aceptada',
  importedAt: 'Importada el',
  importedBy: 'Importada por',
  unknownPartner: 'Socio no registrado',
  checkSummary: 'Resumen de comprobaciones',
  check: 'Comprobación',
  result: 'Resultado',
  score: 'Puntuación',
  threshold: 'Umbral',
  warnings: 'Avisos',
  flags: 'Indicadores',
  noChecks: 'La sesión aún no tiene comprobaciones.',
  scoreVsThreshold: '{score} (umbral {threshold})',
  belowThreshold: 'por debajo del umbral de {threshold}',
  signOff: 'Decisión y firma',
  noDecision: 'No hay ninguna decisión registrada en este espacio de trabajo.',
  decision: 'Decisión',
  decidedBy: 'Decidida por',
  decidedAt: 'Decidida el',
  delivery: 'Envío a Didit',
  comment: 'Comentario',
  reasons: 'Motivos',
  stepsToRedo: 'Pasos a repetir',
  serverDecision: 'Decisión ya presente en el servidor',
  syncedAt: 'Enviada el',
  unknownAnalyst: 'Analista no registrado',
  serverReviews: 'Revisiones en el servidor',
  reviewLine: '{at} · {status} · {user}',
  notes: 'Notas',
  identityDocument: 'Documento de identidad',
  fullName: 'Nombre completo',
  document: 'Documento',
  documentNumber: 'Número de documento',
  documentSubtype: 'Subtipo de documento',
  personalNumber: 'Número personal',
  issuingState: 'Estado emisor',
  dateOfBirth: 'Fecha de nacimiento',
  age: 'Edad',
  gender: 'Sexo',
  nationality: 'Nacionalidad',
  issued: 'Expedido',
  expires: 'Caduca',
  address: 'Dirección',
  placeOfBirth: 'Lugar de nacimiento',
  front: 'Anverso',
  back: 'Reverso',
  portrait: 'Retrato',
  nfcChip: 'Chip NFC',
  sod: 'Objeto de seguridad (SOD)',
  dataGroups: 'Grupos de datos',
  verified: 'verificado',
  failed: 'FALLIDO',
  chipDocument: 'Documento en el chip',
  chipName: 'Nombre en el chip',
  certificateIssuer: 'Emisor del certificado',
  certificateSubject: 'Titular del certificado',
  certificateValid: 'Validez del certificado',
  chipPortrait: 'Retrato del chip',
  chipSignature: 'Firma del chip',
  liveness: 'Prueba de vida',
  method: 'Método',
  ageEstimation: 'Edad estimada',
  referenceImage: 'Imagen de referencia',
  faceMatch: 'Coincidencia facial',
  referenceFromSession: 'Referencia de la sesión',
  sourceImage: 'Rostro de referencia',
  targetImage: 'Selfi',
  databaseValidation: 'Validación en bases de datos',
  matchType: 'Tipo de coincidencia',
  validationType: 'Tipo de validación',
  proofOfAddress: 'Justificante de domicilio',
  issuer: 'Emisor',
  language: 'Idioma',
  nameOnDocument: 'Nombre en el documento',
  phone: 'Teléfono',
  number: 'Número',
  country: 'País',
  carrier: 'Operador',
  risk: 'Riesgo',
  email: 'Correo electrónico',
  breach: 'Filtración',
  ipAnalysis: 'Análisis de IP',
  ipAddress: 'Dirección IP',
  location: 'Ubicación',
  ispOrganization: 'Proveedor / organización',
  device: 'Dispositivo',
  timeZone: 'Zona horaria',
  amlScreening: 'Cribado AML',
  amlScreeningOf: 'Cribado AML ({entity})',
  hits: 'Coincidencias',
  screeningScore: 'Puntuación del cribado',
  noHits: 'Sin coincidencias.',
  hit: 'Coincidencia',
  disposition: 'Resolución',
  dispositionBy: '{status}, por {analyst} el {at}',
  rationale: 'Justificación',
  lists: 'Listas',
  matchScore: 'Grado de coincidencia',
  riskScore: 'Puntuación de riesgo',
  firstLastSeen: 'Visto por primera / última vez',
  sanctionList: 'Lista de sanciones',
  program: 'Programa',
  listedOn: 'Incluido el',
  authority: 'Autoridad',
  listingReason: 'Motivo',
  pepPosition: 'Cargo PEP',
  pepLevel: 'Nivel',
  inOffice: 'En el cargo',
  warningList: 'Lista de advertencias',
  adverseMedia: 'Noticias adversas',
  source: 'Fuente',
  companyRegistry: 'Registro mercantil',
  companyInChain: 'Empresa en la cadena de propiedad: {name}',
  companyName: 'Razón social',
  registrationNumber: 'Número de registro',
  companyType: 'Tipo de sociedad',
  registryStatus: 'Estado en el registro',
  incorporated: 'Constituida',
  registeredAddress: 'Domicilio social',
  taxNumber: 'Número fiscal',
  alternativeNames: 'Otros nombres',
  lei: 'Identificador de entidad jurídica (LEI)',
  natureOfBusiness: 'Actividad',
  registeredCapital: 'Capital social',
  fromRegistry: 'Del registro',
  registryWarnings: 'Avisos del registro',
  ownershipChain: 'Cadena de propiedad',
  ownershipChainNote: 'Participaciones directas registradas; cada propietario figura bajo la empresa que posee.',
  ubos: 'Titulares reales',
  uboNote:
    'La participación efectiva multiplica las participaciones a lo largo de cada ruta y suma las rutas. Los propietarios con {threshold} o más son titulares reales (marcados con ●).',
  owner: 'Propietario',
  type: 'Tipo',
  effective: 'Efectiva',
  paths: 'A través de',
  kycStatus: 'KYC',
  keyPeople: 'Personas clave',
  keyPeopleOf: 'Personas clave de {company}',
  name: 'Nombre',
  roles: 'Cargos',
  owned: '{pct} de propiedad',
  voting: '{pct} de voto',
  companyDocuments: 'Documentos de la empresa: {group}',
  documentsSummary: '{approved} de {expected} aprobados · {pending} pendientes de revisión · {missing} faltan',
  file: 'Archivo',
  companyDocument: 'Documento de la empresa',
  questionnaire: 'Cuestionario',
  questionnaireTitled: 'Cuestionario: {title}',
  noAnswer: 'Sin respuesta',
  unreadable: 'Partes que no se pudieron leer',
  unreadableNote:
    'Estas partes de la sesión tenían una forma que la aplicación no conoce. Se imprimen tal como llegaron; el resto del informe está completo.',
  moreLines: '… ({n} líneas más)',
  auditTrail: 'Registro de auditoría',
  noAudit: 'No hay entradas de auditoría para esta sesión.',
  auditColumns: 'Entrada',
  when: 'Cuándo',
  event: 'Evento',
  actor: 'Por',
  hash: 'Hash',
  identifiers: 'Identificadores',
  sessionId: 'Id. de sesión',
  workflowId: 'Id. del flujo',
  sourceApplicationId: 'Id. de la aplicación del socio',
  connectionId: 'Id. de la conexión',
  generatedAt: 'Informe generado',
  person: 'Persona',
  company: 'Empresa',
};

/** Labels of Didit's and the app's constants, by kind; a value missing here is made readable by `humanize`. */
type ValueTables = Record<string, Record<string, string>>;

const valuesEn: ValueTables = {
  status: {
    'Not Started': 'Not started',
    'In Progress': 'In progress',
    'In Review': 'In review',
    Approved: 'Approved',
    Declined: 'Declined',
    'Awaiting User': 'Awaiting the user',
    Resubmitted: 'Resubmission requested',
    Expired: 'Expired',
    Abandoned: 'Abandoned',
    'Kyc Expired': 'KYC expired',
  },
  outcome: { failed: 'Failed', warned: 'Needs attention', passed: 'Passed', pending: 'Not finished' },
  check: {
    document: 'Identity document',
    nfc: 'NFC chip',
    liveness: 'Liveness',
    faceMatch: 'Face match',
    aml: 'AML screening',
    databaseValidation: 'Database validation',
    proofOfAddress: 'Proof of address',
    phone: 'Phone',
    email: 'Email',
    ip: 'IP analysis',
    registry: 'Company registry',
    keyPeople: 'Key people',
    documents: 'Company documents',
    companyAml: 'Company AML screening',
    questionnaires: 'Questionnaires',
  },
  flag: {
    belowThreshold: 'below threshold',
    vpnOrTor: 'VPN or Tor',
    dataCenter: 'data center',
    disposable: 'disposable',
    virtual: 'virtual number',
    breached: 'found in breaches',
    undeliverable: 'undeliverable',
    sanctions: 'sanctions',
    pep: 'PEP',
    warningList: 'warning list',
    adverseMedia: 'adverse media',
    missingDocuments: 'documents missing',
  },
  amlReview: {
    Unreviewed: 'Unreviewed',
    'Confirmed Match': 'Confirmed match',
    'False Positive': 'False positive',
    Inconclusive: 'Inconclusive',
  },
  dataset: { Sanctions: 'Sanctions', PEP: 'Politically exposed person', 'Adverse Media': 'Adverse media' },
  decisionState: {
    queued: 'waiting to be sent',
    sending: 'being sent',
    synced: 'delivered',
    conflict: 'not sent: someone else decided first',
    retracted: 'retracted before it was sent',
    superseded: 'replaced by a later disposition',
  },
  method: { ACTIVE_3D: 'Active 3D', PASSIVE: 'Passive', FLASHING: 'Flashing' },
  matchType: { full_match: 'Full match', partial_match: 'Partial match', no_match: 'No match' },
  validationType: { one_by_one: 'One by one', two_by_two: 'Two by two', not_enabled: 'Not enabled' },
  entity: { person: 'Person', company: 'Company' },
  document: {
    PASSPORT: 'Passport',
    ID_CARD: 'Identity card',
    ID_CARD_GENERIC: 'Identity card (generic)',
    DRIVERS_LICENSE: 'Driving licence',
    RESIDENCE_PERMIT: 'Residence permit',
    BANK_STATEMENT: 'Bank statement',
    UTILITY_BILL: 'Utility bill',
  },
  role: {
    ubo: 'Beneficial owner',
    shareholder: 'Shareholder',
    director: 'Director',
    non_executive_director: 'Non-executive director',
    chairman: 'Chair',
    secretary: 'Secretary',
    representative: 'Representative',
    authorized_signatory: 'Authorised signatory',
    company_officer: 'Company officer',
  },
  group: {
    legal_presence: 'Legal presence',
    company_details: 'Company details',
    ownership_structure: 'Ownership structure',
    representatives_authorization: 'Representatives’ authorisation',
  },
};

const valuesEs: ValueTables = {
  status: {
    'Not Started': 'No iniciada',
    'In Progress': 'En curso',
    'In Review': 'En revisión',
    Approved: 'Aprobada',
    Declined: 'Rechazada',
    'Awaiting User': 'Esperando al usuario',
    Resubmitted: 'Reenvío solicitado',
    Expired: 'Caducada',
    Abandoned: 'Abandonada',
    'Kyc Expired': 'KYC caducado',
  },
  outcome: { failed: 'Fallida', warned: 'Requiere atención', passed: 'Superada', pending: 'Sin terminar' },
  check: {
    document: 'Documento de identidad',
    nfc: 'Chip NFC',
    liveness: 'Prueba de vida',
    faceMatch: 'Coincidencia facial',
    aml: 'Cribado AML',
    databaseValidation: 'Validación en bases de datos',
    proofOfAddress: 'Justificante de domicilio',
    phone: 'Teléfono',
    email: 'Correo electrónico',
    ip: 'Análisis de IP',
    registry: 'Registro mercantil',
    keyPeople: 'Personas clave',
    documents: 'Documentos de la empresa',
    companyAml: 'Cribado AML de la empresa',
    questionnaires: 'Cuestionarios',
  },
  flag: {
    belowThreshold: 'por debajo del umbral',
    vpnOrTor: 'VPN o Tor',
    dataCenter: 'centro de datos',
    disposable: 'desechable',
    virtual: 'número virtual',
    breached: 'en filtraciones',
    undeliverable: 'no entregable',
    sanctions: 'sanciones',
    pep: 'PEP',
    warningList: 'lista de advertencias',
    adverseMedia: 'noticias adversas',
    missingDocuments: 'faltan documentos',
  },
  amlReview: {
    Unreviewed: 'Sin revisar',
    'Confirmed Match': 'Coincidencia confirmada',
    'False Positive': 'Falso positivo',
    Inconclusive: 'No concluyente',
  },
  dataset: { Sanctions: 'Sanciones', PEP: 'Persona del medio político (PEP)', 'Adverse Media': 'Noticias adversas' },
  decisionState: {
    queued: 'pendiente de envío',
    sending: 'enviándose',
    synced: 'entregada',
    conflict: 'no enviada: otra persona decidió antes',
    retracted: 'retirada antes de enviarse',
    superseded: 'sustituida por una resolución posterior',
  },
  method: { ACTIVE_3D: 'Activa 3D', PASSIVE: 'Pasiva', FLASHING: 'Con destellos' },
  matchType: { full_match: 'Coincidencia total', partial_match: 'Coincidencia parcial', no_match: 'Sin coincidencia' },
  validationType: { one_by_one: 'Uno a uno', two_by_two: 'Dos a dos', not_enabled: 'No activada' },
  entity: { person: 'Persona', company: 'Empresa' },
  document: {
    Passport: 'Pasaporte',
    PASSPORT: 'Pasaporte',
    'Identity Card': 'Documento de identidad',
    ID_CARD: 'Documento de identidad',
    ID_CARD_GENERIC: 'Documento de identidad (genérico)',
    "Driver's License": 'Permiso de conducir',
    DRIVERS_LICENSE: 'Permiso de conducir',
    RESIDENCE_PERMIT: 'Permiso de residencia',
    BANK_STATEMENT: 'Extracto bancario',
    UTILITY_BILL: 'Factura de suministros',
  },
  field: {
    full_name: 'nombre completo',
    first_name: 'nombre',
    last_name: 'apellidos',
    date_of_birth: 'fecha de nacimiento',
    document_number: 'número de documento',
    personal_number: 'número personal',
    nationality: 'nacionalidad',
    address: 'dirección',
  },
  role: {
    ubo: 'Titular real',
    shareholder: 'Accionista',
    beneficiary: 'Beneficiario',
    settlor: 'Fideicomitente',
    protector: 'Protector',
    investor: 'Inversor',
    director: 'Administrador',
    non_executive_director: 'Consejero no ejecutivo',
    chairman: 'Presidente',
    secretary: 'Secretario',
    representative: 'Representante',
    authorized_signatory: 'Firmante autorizado',
    trustee: 'Fiduciario',
    company_officer: 'Directivo',
    founder: 'Fundador',
    legal_advisor: 'Asesor jurídico',
    other: 'Otro',
  },
  group: {
    legal_presence: 'Existencia legal',
    company_details: 'Datos de la empresa',
    ownership_structure: 'Estructura de propiedad',
    representatives_authorization: 'Autorización de los representantes',
  },
};

const ACRONYMS = new Set([
  'ID',
  'IP',
  'PEP',
  'UBO',
  'KYC',
  'KYB',
  'AML',
  'NFC',
  'VPN',
  'LEI',
  'SMS',
  'URL',
  'MRZ',
  'OTP',
]);

/** `ACTIVE_3D` → "Active 3D", `partial_match` → "Partial match", `IN_REVIEW` → "In review". */
export function humanize(value: string): string {
  const words = value
    .trim()
    .split(/[_\s]+/)
    .filter(Boolean);
  if (words.length === 0) return value;
  // Only constants are rewritten; a value that already reads as words (mixed case) is left as sent.
  const constant = /^[A-Z0-9_]+$/.test(value.trim()) || /^[a-z0-9_]+$/.test(value.trim());
  if (!constant) return value;
  const out = words
    .map((w) => (/\d/.test(w) || ACRONYMS.has(w.toUpperCase()) ? w.toUpperCase() : w.toLowerCase()))
    .join(' ');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

export interface ReportText {
  language: ReportLanguage;
  t(key: StringKey, vars?: Record<string, string | number>): string;
  /** A constant of `kind` as words; `kind: 'status'` reads either spelling of a session status. */
  value(kind: string, raw: string | null | undefined): string | null;
  check(key: CheckKey): string;
  outcome(o: CheckOutcome): string;
  flag(f: CheckFlag): string;
  date(iso: string | null | undefined): string | null;
  dateTime(iso: string | null | undefined): string | null;
  number(n: number, fractionDigits?: number): string;
  percent(n: number, fractionDigits?: number): string;
  yesNo(b: boolean | null | undefined): string | null;
}

const STRINGS: Record<ReportLanguage, Record<StringKey, string>> = { en, es };
const VALUES: Record<ReportLanguage, ValueTables> = { en: valuesEn, es: valuesEs };

/** `IN_REVIEW` → `In Review`: KYB's spelling of a status read as KYC's, for the one table of status labels. */
function canonicalStatusKey(status: string): string {
  if (!/^[A-Z_]+$/.test(status)) return status;
  return status
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

export function reportText(language: ReportLanguage): ReportText {
  const table = STRINGS[language];
  const values = VALUES[language];
  const locale = language === 'es' ? 'es-ES' : 'en-GB';
  const numberFormat = (digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
  const parse = (iso: string | null | undefined) => {
    if (!iso) return null;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? null : d;
  };
  const text: ReportText = {
    language,
    t(key, vars) {
      let s = table[key];
      for (const [k, v] of Object.entries(vars ?? {})) s = s.split(`{${k}}`).join(String(v));
      return s;
    },
    value(kind, raw) {
      if (raw === null || raw === undefined || raw === '') return null;
      const key = kind === 'status' ? canonicalStatusKey(raw) : raw;
      return values[kind]?.[key] ?? valuesEn[kind]?.[key] ?? humanize(raw);
    },
    check: (key) => values.check[key] ?? humanize(key),
    outcome: (o) => values.outcome[o],
    flag: (f) => values.flag[f] ?? humanize(f),
    date(iso) {
      // A calendar day (YYYY-MM-DD) is a day everywhere: printed without a time zone shift.
      if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) {
        const d = parse(`${iso}T00:00:00Z`);
        return d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d) : iso;
      }
      const d = parse(iso);
      return d ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(d) : (iso ?? null);
    },
    dateTime(iso) {
      if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return text.date(iso);
      const d = parse(iso);
      if (!d) return iso ?? null;
      return `${new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d)} UTC`;
    },
    number: (n, digits = 0) => numberFormat(digits).format(n),
    percent: (n, digits = 2) =>
      `${new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)} %`,
    yesNo: (b) => (b === null || b === undefined ? null : b ? table.yes : table.no),
  };
  return text;
}

/** For tests: both tables, to check they name the same keys and none is empty. */
export const REPORT_STRINGS = STRINGS;
