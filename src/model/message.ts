/**
 * What a stage has to say about its reading, typed: a stable code, a severity, one human sentence,
 * and where it applies. Stages return their messages with their value (`Result`, as mammoth.js
 * does) instead of pushing strings into a shared document; the pipeline renders them into the
 * output contract's `warnings` / `notes` text and decides the status from the severities.
 */

/** `warning`: a doubt about the reading (the document's status becomes `warnings`); `info`: a note. */
export type Severity = 'warning' | 'info';

/**
 * Every message code a stage may give, with what it means (the catalog a user reads; a code
 * not listed here does not type-check).
 */
export const MESSAGE_CODES = {
  // read
  'pdf-page': 'a page of the PDF could not be read; the other pages were',
  mammoth: 'what mammoth said while converting a DOCX',
  'hidden-sheet': 'a hidden sheet of a workbook was read anyway',
  converted: 'a legacy file (DOC, WPS, XLS, ET) was converted by LibreOffice first',
  misnamed: "the file's extension does not match its content; read as its content",
  // ocr
  'ocr-off': 'pages need OCR, which the caller turned off',
  'ocr-unavailable': 'pages need OCR and could not be read (engine missing or failing)',
  'ocr-low-confidence': 'OCR cells below the confidence threshold',
  'ocr-lost-decimals': 'OCR figures lacking the decimals their column prints',
  'ocr-restored-point': 'OCR figures given back the decimal point their column prints, and flagged',
  'ocr-stray-decimals': 'OCR figures with decimals in a column of whole figures, flagged',
  'ocr-names-matched': 'OCR row names or headings matched to the names disclosures print',
  'ocr-code-doubt': "OCR subject codes no disclosure prints with their row's name, flagged",
  // locate and reconstruct
  'table-generic': 'a title the catalog does not list, extracted by its shape',
  'header-dropped': 'a repeated header on a continuation page was dropped',
  'columns-mapped': "a continuation page's columns were mapped onto the first page's",
  'headerless-column': 'a column holds amounts under no heading',
  'mark-in-header': 'a mark line (单位, 公开0x表) was read into the header and set aside',
  'unlabeled-value': 'a value with no row label',
  'quantity-columns': 'columns that count items (数量, 人数) are not written as amounts',
  'unit-assumed': 'no 单位 printed for a table; the unit of the rest of the document assumed',
  'chosen-by-checks': "a column reading was chosen because the table's checks hold in it",
  // pipeline signals
  'performance-forms': 'performance-target forms (绩效目标表) seen and not extracted',
  'table-missing': 'a table the scheme prints was not found',
  'table-unread': 'a table was found whose header could not be resolved',
  'table-body-missing': 'a title was found with no table body below it',
} as const;

export type MessageCode = keyof typeof MESSAGE_CODES;

export interface Message {
  code: MessageCode;
  severity: Severity;
  text: string;
  /** the page it concerns, 1-based */
  page?: number;
  /** the table it concerns, by its number ('01') */
  table?: string;
}

/** A stage's value and what it has to say about it. */
export interface Result<T> {
  value: T;
  messages: Message[];
}

export function warning(code: MessageCode, text: string, where: Pick<Message, 'page' | 'table'> = {}): Message {
  return { code, severity: 'warning', text, ...where };
}

export function info(code: MessageCode, text: string, where: Pick<Message, 'page' | 'table'> = {}): Message {
  return { code, severity: 'info', text, ...where };
}

/** Whether any message is a doubt about the reading. */
export function hasWarnings(messages: Message[]): boolean {
  return messages.some((m) => m.severity === 'warning');
}
