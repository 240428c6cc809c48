import type { StepKey } from './form-model.js';
import { AidsStep } from './steps/AidsStep.js';
import { ConsentsStep } from './steps/ConsentsStep.js';
import { IdentityStep } from './steps/IdentityStep.js';
import { InternshipStep } from './steps/InternshipStep.js';
import { HousingStep, PremisesStep, SpouseStep } from './steps/NeedsSteps.js';
import { ReviewStep } from './steps/ReviewStep.js';
import { TargetsStep } from './steps/TargetsStep.js';

interface Props {
  step: StepKey;
  reviewErrors: [string, string][];
  onGoTo: (step: StepKey, focus?: string) => void;
  onSubmit: () => void;
  submitting: boolean;
}

export function StepContent({ step, reviewErrors, onGoTo, onSubmit, submitting }: Props) {
  switch (step) {
    case 'identite':
      return <IdentityStep />;
    case 'stage':
      return <InternshipStep />;
    case 'installation':
      return <TargetsStep />;
    case 'locaux':
      return <PremisesStep />;
    case 'logement':
      return <HousingStep />;
    case 'conjoint':
      return <SpouseStep />;
    case 'aides':
      return <AidsStep />;
    case 'consentements':
      return <ConsentsStep />;
    case 'recapitulatif':
      return <ReviewStep errors={reviewErrors} onGoTo={onGoTo} onSubmit={onSubmit} submitting={submitting} />;
  }
}
