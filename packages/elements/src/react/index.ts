/**
 * `@run-comparer/elements/react`: a React component per element, made with `@lit/react`.
 * Importing it registers the elements. Properties (`source`, `runs`, `steps`, ...) are set as
 * element properties, not attributes, and events are typed props: `onChange`, `onStepChange`, ...
 *
 * The container components (`WandbSource`, `RunComparer`) also take the domain events that bubble
 * up from the elements inside them.
 */
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import * as React from 'react';
import '../wandb-source/define.js';
import '../run-picker/define.js';
import '../image-key-picker/define.js';
import '../step-slider/define.js';
import '../image-compare/define.js';
import '../image-detail/define.js';
import '../image-pair/define.js';
import '../run-comparer/define.js';
import '../run-metrics/define.js';
import '../image-evolution/define.js';
import '../run-config-diff/define.js';
import type { CompareMarkEvent } from '../events/compare-mark.js';
import type { ImageOpenEvent } from '../events/image-open.js';
import type { EvolutionOpenEvent } from '../events/evolution-open.js';
import type { ImageKeysChangeEvent } from '../events/image-keys-change.js';
import type { RunSelectionChangeEvent } from '../events/run-selection-change.js';
import type { StepChangeEvent } from '../events/step-change.js';
import type { StepReadyEvent } from '../events/step-ready.js';
import type { PairModeChangeEvent } from '../events/pair-mode-change.js';
import type { PairSwapEvent } from '../events/pair-swap.js';
import type { MetricKeysChangeEvent } from '../events/metric-keys-change.js';
import type { MetricStepPickEvent } from '../events/metric-step-pick.js';
import type { ConfigKeySelectEvent } from '../events/config-key-select.js';
import { RunConfigDiff as RunConfigDiffElement } from '../run-config-diff/run-config-diff.js';
import { MetricSparkline as MetricSparklineElement } from '../metric-sparkline/metric-sparkline.js';
import { RunMetrics as RunMetricsElement } from '../run-metrics/run-metrics.js';
import { ImageCompare as ImageCompareElement } from '../image-compare/image-compare.js';
import { ImageDetail as ImageDetailElement } from '../image-detail/image-detail.js';
import { ImageEvolution as ImageEvolutionElement } from '../image-evolution/image-evolution.js';
import { ImageKeyPicker as ImageKeyPickerElement } from '../image-key-picker/image-key-picker.js';
import { ImagePair as ImagePairElement } from '../image-pair/image-pair.js';
import { RunComparer as RunComparerElement } from '../run-comparer/run-comparer.js';
import { RunPicker as RunPickerElement } from '../run-picker/run-picker.js';
import { StepSlider as StepSliderElement } from '../step-slider/step-slider.js';
import { WandbSource as WandbSourceElement } from '../wandb-source/wandb-source.js';

const onChange = 'change' as EventName<Event>;
const onInput = 'input' as EventName<Event>;
const onRunSelectionChange = 'run-selection-change' as EventName<RunSelectionChangeEvent>;
const onImageKeysChange = 'image-keys-change' as EventName<ImageKeysChangeEvent>;
const onStepChange = 'step-change' as EventName<StepChangeEvent>;
const onImageOpen = 'image-open' as EventName<ImageOpenEvent>;
const onEvolutionOpen = 'evolution-open' as EventName<EvolutionOpenEvent>;
const onStepReady = 'step-ready' as EventName<StepReadyEvent>;
const onCompareMark = 'compare-mark' as EventName<CompareMarkEvent>;
const onClose = 'close' as EventName<Event>;
const onPairModeChange = 'pair-mode-change' as EventName<PairModeChangeEvent>;
const onPairSwap = 'pair-swap' as EventName<PairSwapEvent>;
const onMetricKeysChange = 'metric-keys-change' as EventName<MetricKeysChangeEvent>;
const onMetricStepPick = 'metric-step-pick' as EventName<MetricStepPickEvent>;
const onConfigKeySelect = 'config-key-select' as EventName<ConfigKeySelectEvent>;

/** Domain events of the elements inside a container; they bubble and cross shadow roots. */
const bubblingDomainEvents = {
  onRunSelectionChange,
  onImageKeysChange,
  onStepChange,
  onImageOpen,
  onCompareMark,
  onPairModeChange,
  onPairSwap,
};

/** A React component for a registered element, with its events as typed props. */
function wrap<I extends HTMLElement, E extends Record<string, EventName>>(
  tagName: string,
  elementClass: new () => I,
  displayName: string,
  events: E,
): ReactWebComponent<I, E> {
  return createComponent({ react: React, tagName, elementClass, events, displayName });
}

/** `<wandb-source>`: gives the elements inside a source of runs (`source` or `api`) and one selection. */
export const WandbSource = wrap('wandb-source', WandbSourceElement, 'WandbSource', bubblingDomainEvents);

/** `<run-picker>`: pick a project's runs. `onChange` and `onRunSelectionChange` fire on user changes. */
export const RunPicker = wrap('run-picker', RunPickerElement, 'RunPicker', { onChange, onRunSelectionChange });

/** `<image-key-picker>`: choose the image keys to compare. */
export const ImageKeyPicker = wrap('image-key-picker', ImageKeyPickerElement, 'ImageKeyPicker', {
  onChange,
  onImageKeysChange,
});

/** `<step-slider>`: move through the steps that hold images. `onInput` while dragging, `onChange`/`onStepChange` on commit. */
export const StepSlider = wrap('step-slider', StepSliderElement, 'StepSlider', { onInput, onChange, onStepChange });

/** `<image-compare>`: the selected runs' images at one step. `onImageOpen` is cancelable; `onStepReady` once the rows on screen show a step. */
export const ImageCompare = wrap('image-compare', ImageCompareElement, 'ImageCompare', {
  onImageOpen,
  onCompareMark,
  onStepReady,
});

/** `<image-detail>`: one image at full resolution in a modal dialog. `onImageOpen` and `onEvolutionOpen` are cancelable. */
export const ImageDetail = wrap('image-detail', ImageDetailElement, 'ImageDetail', {
  onImageOpen,
  onEvolutionOpen,
  onClose,
});

/** `<image-pair>`: two images compared side by side, by swipe, blink or difference. */
export const ImagePair = wrap('image-pair', ImagePairElement, 'ImagePair', {
  onChange,
  onPairModeChange,
  onPairSwap,
  onClose,
});

/** `<run-comparer>`: the whole comparer in one element. */
export const RunComparer = wrap('run-comparer', RunComparerElement, 'RunComparer', bubblingDomainEvents);

/** `<image-evolution>`: one sample across its steps, a row per run. Click moves the step; Shift+click two frames compares them. */
export const ImageEvolution = wrap('image-evolution', ImageEvolutionElement, 'ImageEvolution', {
  onStepChange,
  onCompareMark,
});

/** `<run-metrics>`: the selected runs' metrics at the step, with sparklines that move the step. */
export const RunMetrics = wrap('run-metrics', RunMetricsElement, 'RunMetrics', {
  onChange,
  onMetricKeysChange,
  onStepChange,
});

/** `<metric-sparkline>`: one metric over a run; `onMetricStepPick` when the user picks a point. */
export const MetricSparkline = wrap('metric-sparkline', MetricSparklineElement, 'MetricSparkline', {
  onChange,
  onMetricStepPick,
});

/** `<run-config-diff>`: the config keys whose values differ between the selected runs. */
export const RunConfigDiff = wrap('run-config-diff', RunConfigDiffElement, 'RunConfigDiff', {
  onChange,
  onConfigKeySelect,
});

export type WandbSourceProps = React.ComponentProps<typeof WandbSource>;
export type RunPickerProps = React.ComponentProps<typeof RunPicker>;
export type ImageKeyPickerProps = React.ComponentProps<typeof ImageKeyPicker>;
export type StepSliderProps = React.ComponentProps<typeof StepSlider>;
export type ImageCompareProps = React.ComponentProps<typeof ImageCompare>;
export type ImageDetailProps = React.ComponentProps<typeof ImageDetail>;
export type ImagePairProps = React.ComponentProps<typeof ImagePair>;
export type RunComparerProps = React.ComponentProps<typeof RunComparer>;
export type ImageEvolutionProps = React.ComponentProps<typeof ImageEvolution>;
export type RunMetricsProps = React.ComponentProps<typeof RunMetrics>;
export type MetricSparklineProps = React.ComponentProps<typeof MetricSparkline>;
export type RunConfigDiffProps = React.ComponentProps<typeof RunConfigDiff>;
