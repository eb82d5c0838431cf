import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '@candor/shared';
import { suggestedTemplateId } from './suggestedTemplate.js';

describe('TM-8 the template a team page offers', () => {
  it('TM-8 a team’s next retro starts on the template of its most recent one', () => {
    // Found in a walk-through: a team that always runs 4Ls had to find it again under six others each time.
    expect(suggestedTemplateId([{ templateId: 'start-stop-continue' }, { templateId: '4ls' }])).toBe('4ls');
  });

  it('TM-8 with no retro yet, or one whose template no longer exists, it is the first template', () => {
    expect(suggestedTemplateId([])).toBe(TEMPLATES[0]!.id);
    expect(suggestedTemplateId([{ templateId: 'retired-template' }])).toBe(TEMPLATES[0]!.id);
  });
});
