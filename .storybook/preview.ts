import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
// Generated from the elements' JSDoc (npm run cem -w @emwatch/components, run before Storybook starts),
// so the args tables document attributes, parts and CSS properties as the class comments state them.
import manifest from '../packages/components/custom-elements.json' with { type: 'json' };

setCustomElementsManifest(manifest);

// The catalog is Chinese first, like the portals it serves.
document.documentElement.lang = 'zh-CN';

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
  },
  globalTypes: {
    lang: {
      description: '界面语言 / UI language',
      toolbar: {
        icon: 'globe',
        items: [
          { value: 'zh-CN', title: '中文' },
          { value: 'en', title: 'English' },
        ],
      },
    },
  },
  initialGlobals: { lang: 'zh-CN' },
  decorators: [
    (story, context) => {
      document.documentElement.lang = String(context.globals['lang'] ?? 'zh-CN');
      return story();
    },
  ],
};

export default preview;
