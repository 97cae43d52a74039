import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<h1>Countersign</h1>);
