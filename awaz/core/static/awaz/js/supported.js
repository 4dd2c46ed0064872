// Tells GOV.UK Frontend's CSS that its JavaScript can run (a static file, so the strict CSP allows it).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
