// Starts GOV.UK Frontend's components. Kept out of the page for the CSP (no inline script).
import { initAll } from './govuk-frontend.min.js';

initAll();
