import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';

/*
 * Heavy libraries loaded on first use instead of at start (issue 12: start ≤ 5 s fresh, ≤ 2 s warm):
 * exceljs and pdfkit were about a third of the server's import time, and every API test file paid
 * them again. The first spreadsheet or PDF of a process waits for the import once.
 */
let excel: Promise<typeof ExcelJS> | undefined;
export const loadExcelJs = (): Promise<typeof ExcelJS> => (excel ??= import('exceljs').then((m) => m.default));

let pdf: Promise<typeof PDFDocument> | undefined;
export const loadPdfKit = (): Promise<typeof PDFDocument> => (pdf ??= import('pdfkit').then((m) => m.default));
