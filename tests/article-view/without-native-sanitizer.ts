// Imported first by a test file to run it as on a browser without the HTML Sanitizer: the page
// is its own (Web Test Runner gives each test file one), so nothing else loses `setHTML`.
delete (Element.prototype as Partial<{ setHTML: unknown }>).setHTML;
