import { describe, expect, it } from 'vitest';
import { RESPONSIBILITY_HINT, responsibilityHint } from './responsibilityNudge.js';

/** RN-1/RN-2: phrasings that should and should not trigger the nudge, in English and German. */
const SHOULD: [string, string][] = [
  ['Management should give us a staging cluster', 'management should'],
  ['upper management needs to decide on the budget', 'upper management needs to'],
  ['Leadership has to fix the priorities', 'leadership has to'],
  ['Someone needs to look at the flaky tests', 'someone needs to'],
  ['somebody should update the runbook', 'somebody should'],
  ['someone else must own the pager', 'someone else must'],
  ['They have to stop changing the scope', 'they have to'],
  ['they really need to answer faster', 'they really need to'],
  ['The platform team should provide a stable cluster', 'the platform team should'],
  ['Other teams must review our API earlier', 'other teams must'],
  ["Not our call, it's product's", 'not our call'],
  ['not my job to chase the vendor', 'not my job'],
  ['This is not up to us', 'not up to us'],
  ['We need approval before we can touch prod', 'we need approval'],
  ['we need sign-off from security first', 'we need sign-off'],
  ['Waiting for approval from the architects', 'waiting for approval'],
  ['the migration needs to be approved', 'needs to be approved'],
  ["It's out of our hands", 'out of our hands'],
  ['Das Management sollte uns einen Staging-Cluster geben', 'DE: das Management sollte'],
  ['Die Geschäftsleitung muss die Prioritäten klären', 'DE: die Geschäftsleitung muss'],
  ['Jemand muss sich die flaky Tests ansehen', 'DE: jemand muss'],
  ['irgendwer sollte das Runbook pflegen', 'DE: irgendwer sollte'],
  ['Man müsste mal die Pipeline aufräumen', 'DE: man müsste'],
  ['Die müssen endlich schneller antworten', 'DE: die müssen (sie, umgangssprachlich)'],
  ['Das andere Team soll die API früher reviewen', 'DE: das andere Team soll'],
  ['Das Plattform-Team muss einen stabilen Cluster bereitstellen', 'DE: das Plattform-Team muss'],
  ['Nicht unser Job', 'DE: nicht unser Job'],
  ['Das ist nicht unsere Entscheidung', 'DE: nicht unsere Entscheidung'],
  ['Das liegt nicht bei uns', 'DE: liegt nicht bei uns'],
  ['Wir brauchen eine Freigabe vom Architekturboard', 'DE: wir brauchen eine Freigabe'],
  ['Warten auf die Genehmigung der Security', 'DE: warten auf die Genehmigung'],
  ['Die Migration muss erst genehmigt werden', 'DE: muss erst genehmigt werden'],
];

const SHOULD_NOT: [string, string][] = [
  ['We should add a smoke test for staging', 'we should: the room takes it'],
  ['I can pair with Sam on the deploy', 'a named offer'],
  ['Ask the platform team for a staging cluster we can rely on', 'an ask framed as our step'],
  ['Draft the approval request for the new budget', '"approval" as our own first step'],
  ['Find out who they are and invite them', '"they are" hands nothing away'],
  ['The build should be faster than ten minutes', 'a goal, not a hand-off'],
  ['Write down what management needs from us', '"management needs" without "to"'],
  ['Someone from our team will review the runbook by Friday', 'a commitment, not "someone should"'],
  ['Review the management dashboard together', 'management as a word, no modal'],
  ['Ensure our call notes are shared', '"our call" without "not"'],
  ['Wir sollten einen Smoke-Test für Staging schreiben', 'DE: wir sollten'],
  ['Ich kann beim Deploy pairen', 'DE: ein Angebot'],
  ['Das Plattform-Team um einen stabilen Staging-Cluster bitten', 'DE: eine Bitte als unser Schritt'],
  ['Freigabeprozess dokumentieren', 'DE: Freigabe als Teil eines Worts'],
  ['Die Tests müssen vor dem Merge grün sein', 'DE: die Tests (ein Ziel), nicht "die müssen"'],
  ['Jemanden fragen, der sich mit Kubernetes auskennt', 'DE: jemanden fragen ist unser Schritt'],
  ['Mandanten-Konfiguration prüfen', 'DE: "man" als Teil eines Worts'],
  ['', 'empty text'],
  ['   ', 'only spaces'],
];

describe('responsibility nudge', () => {
  it.each(SHOULD)('RN-1 nudges on "%s" (%s)', (text) => {
    expect(responsibilityHint(text)).toBe(RESPONSIBILITY_HINT);
  });

  it.each(SHOULD_NOT)('RN-2 stays quiet on "%s" (%s)', (text) => {
    expect(responsibilityHint(text)).toBeNull();
  });
});
