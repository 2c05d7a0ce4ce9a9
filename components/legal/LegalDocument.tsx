import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/*
 * A legal page's Markdown as HTML. react-markdown builds React elements and
 * never passes raw HTML through, so an edited file cannot put a script on the
 * page (the Content-Security-Policy would stop it anyway).
 */
export function LegalDocument({ markdown }: { markdown: string }) {
  return (
    <div className="legal-document max-w-3xl">
      <Markdown
        remarkPlugins={[remarkGfm]}
        components={{
          table: ({ children }) => (
            <div className="overflow-x-auto">
              <table>{children}</table>
            </div>
          ),
        }}
      >
        {markdown}
      </Markdown>
    </div>
  );
}
