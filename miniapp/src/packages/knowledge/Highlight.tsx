import { Text } from '@tarojs/components';
import type { KnowledgeSnippetPart } from '@dangjian/shared';

/** Text with the searched phrase marked (the server splits it; nothing here parses markup). */
export function Highlight({ parts, className }: { parts: KnowledgeSnippetPart[]; className?: string }) {
  return (
    <Text className={className}>
      {parts.map((p, i) =>
        p.hit ? (
          <Text key={i} className='knowledge__hit'>
            {p.text}
          </Text>
        ) : (
          p.text
        ),
      )}
    </Text>
  );
}
