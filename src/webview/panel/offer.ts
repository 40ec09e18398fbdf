/**
 * The built-in engine's first-run offer above the columns: why nothing can answer, and one real button that runs the
 * set-up (its consent dialog comes first). Text only, through the element builder: nothing here becomes markup.
 */
import { offerLabel, type EngineOfferView } from '../../shared/engine-offer';
import { h } from './dom';

export function engineOfferBox(offer: EngineOfferView, onSetUp: () => void): HTMLElement {
  const button = h('button', { type: 'button', class: 'primary', id: 'engine-offer-button' }, offerLabel(offer.downloadBytes));
  button.addEventListener('click', onSetUp);
  const why = h(
    'p',
    { id: 'engine-offer-why' },
    `No model can answer yet: Ollama is not reachable at ${offer.ollamaHost} and no Hugging Face API key is set. `,
    'The built-in engine runs a small coding model on this computer, with no account and no key.',
  );
  button.setAttribute('aria-describedby', 'engine-offer-why');
  return h('section', { class: 'engine-offer', 'aria-label': 'Built-in engine' }, why, button);
}
