const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain paragraphs typed on a phone become <p>; the server sanitises whatever arrives. */
export const paragraphsToHtml = (text: string) =>
  text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => `<p>${escape(l)}</p>`)
    .join('');

/** The reverse, to edit a stored text again as paragraphs. */
export const htmlToParagraphs = (html: string) =>
  html
    .replace(/<\/p>\s*/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
