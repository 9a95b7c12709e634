import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Languages the components speak; zh-CN is the default. */
export type UiLanguage = 'zh-CN' | 'en';

/**
 * Resolves an element's UI language from its own `lang`, the nearest ancestor's, or the
 * document's, and re-renders the host when the document's language changes (portals switch
 * language by setting `<html lang>`).
 */
export class LocaleController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private observer: MutationObserver | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  /** The language to render in now. */
  get language(): UiLanguage {
    const declared = this.host.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
    return /^en\b/i.test(declared) ? 'en' : 'zh-CN';
  }

  hostConnected(): void {
    this.observer = new MutationObserver(() => this.host.requestUpdate());
    this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }
}
