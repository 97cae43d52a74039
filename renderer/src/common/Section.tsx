// A titled region of the detail pane (a landmark, so screen-reader users can jump between sections).
import { useId, type ReactNode } from 'react';

export function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`common-section ${className ?? ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
