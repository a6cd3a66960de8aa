import { KnowledgeImportSchema, type KnowledgeImport } from '@dangjian/shared';

/** A line that starts an article: 第一条, 第二十三条, 第12条. */
const ARTICLE_START = /^(第[一二三四五六七八九十百千零〇两\d]+条)[\s\u3000]*(.*)$/;

/**
 * Reads the markdown form of one regulation (docs/operations.md, "党建知识 import"):
 *
 *   # 中国共产党章程            ← the name
 *   简称：党章                   ← short name (required)
 *   发布：… ／ 来源：…           ← issued by; source (required); one per line
 *   ## 第一章 党员               ← a chapter (optional: articles before any chapter form one without a title)
 *   第一条 …                     ← an article (a full-width space may follow the number); following lines continue it
 */
export function parseKnowledgeMarkdown(md: string): KnowledgeImport {
  let name = '';
  const meta: Record<string, string> = {};
  const chapters: Array<{ number: string; title: string; articles: Array<{ number: string; text: string }> }> = [];
  // Articles before any chapter heading belong to an untitled chapter (a regulation without chapters).
  const currentChapter = () => {
    if (!chapters.length) chapters.push({ number: '', title: '', articles: [] });
    return chapters.at(-1)!;
  };
  for (const raw of md.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('## ')) {
      const [number = '', ...title] = line
        .slice(3)
        .trim()
        .split(/[\s\u3000]+/);
      chapters.push(/^第.+章$/.test(number) ? { number, title: title.join(' '), articles: [] } : { number: '', title: line.slice(3).trim(), articles: [] });
    } else if (line.startsWith('# ')) {
      name = line.slice(2).trim();
    } else if (!chapters.length && /^(简称|发布|来源)[:：]/.test(line)) {
      meta[line.slice(0, 2)] = line.slice(3).trim();
    } else {
      const start = ARTICLE_START.exec(line);
      const articles = currentChapter().articles;
      if (start) articles.push({ number: start[1]!, text: start[2]! });
      else if (articles.length) articles.at(-1)!.text += `\n${line}`;
      else throw new Error(`无法识别的行（条文须以“第X条”开头）：${line.slice(0, 40)}`);
    }
  }
  return KnowledgeImportSchema.parse({
    collections: [{ name, shortName: meta['简称'] ?? '', issuedBy: meta['发布'] ?? '', source: meta['来源'] ?? '', chapters }],
  });
}
