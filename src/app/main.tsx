// The page's entry: the React app; the worker starts as soon as the controller is imported.

import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// No StrictMode: the terminal pane owns one xterm and one worker connection for the page's life.
createRoot(root).render(<App />);
