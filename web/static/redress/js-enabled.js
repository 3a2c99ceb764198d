// Runs before the page is drawn (a classic script at the top of <body>), so GOV.UK Frontend's
// JavaScript-only styles apply from the first paint. Kept out of the page for the CSP.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
