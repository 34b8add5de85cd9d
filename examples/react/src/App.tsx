import { useState } from 'react';
import type { SelectedRun } from '@run-comparer/elements/classes';
import {
  ImageCompare,
  ImageDetail,
  ImageKeyPicker,
  ImagePair,
  RunPicker,
  StepSlider,
  WandbSource,
} from '@run-comparer/elements/react';

/** The demo server's sample project; pass ?entity=...&project=... for another one. */
const params = new URLSearchParams(location.search);
const entity = params.get('entity') ?? 'run-comparer';
const project = params.get('project') ?? 'pixelforge-lora-sweep';

export function App() {
  const [runs, setRuns] = useState<readonly SelectedRun[]>([]);
  const [step, setStep] = useState<number | null>(null);

  return (
    <WandbSource api="/api" entity={entity} project={project}>
      <main style={{ display: 'grid', gridTemplateColumns: '20rem minmax(0, 1fr)', gap: '1rem', padding: '1rem' }}>
        <aside>
          <RunPicker onRunSelectionChange={(event) => setRuns(event.runs)} />
          <ImageKeyPicker />
        </aside>
        <section>
          <StepSlider onStepChange={(event) => setStep(event.step)} />
          <p aria-live="polite">
            {runs.length === 0
              ? 'Pick runs to compare.'
              : `${runs.map((run) => run.run.displayName).join(', ')}${step === null ? '' : ` at step ${step}`}`}
          </p>
          <ImageCompare />
        </section>
      </main>
      {/* Dialogs: a clicked thumbnail, and two thumbnails marked with Shift+click. */}
      <ImageDetail />
      <ImagePair onPairModeChange={(event) => console.info('comparing by', event.mode)} />
    </WandbSource>
  );
}
