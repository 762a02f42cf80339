// Loaded by the strict-CSP page of poll.test.ts: records every policy violation, then defines
// the elements. A module from 'self', since the policy blocks inline scripts.
const violations: string[] = [];
(window as unknown as { violations: string[] }).violations = violations;
document.addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.violatedDirective}: ${event.blockedURI} ${event.sample}`);
});
await import('../../src/define.js');
