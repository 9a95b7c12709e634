import '@emwatch/components/define/emw-level-badge';
import { TYPE_IDS } from '@emwatch/core';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

interface Args {
  level: string;
  hazard: string;
}

const meta: Meta<Args> = {
  title: 'Elements/emw-level-badge 预警级别',
  component: 'emw-level-badge',
  argTypes: {
    level: { control: 'select', options: ['blue', 'yellow', 'orange', 'red', 'IV', 'III', 'II', 'I'] },
    hazard: { control: 'select', options: ['', ...TYPE_IDS] },
  },
  args: { level: 'orange', hazard: 'sandstorm' },
  render: ({ level, hazard }) => html`<emw-level-badge level=${level} hazard=${hazard}></emw-level-badge>`,
};
export default meta;

type Story = StoryObj<Args>;

/** 锡林郭勒盟发布的沙尘暴橙色预警。 */
export const Sandstorm: Story = {};

/** All four colours side by side, as an alert list shows them. */
export const AllLevels: Story = {
  render: () =>
    html`${['blue', 'yellow', 'orange', 'red'].map(
      (level) => html`<emw-level-badge level=${level} hazard="snow-disaster"></emw-level-badge> `,
    )}`,
};

/** A level the feed did not state. */
export const Unknown: Story = { args: { level: '', hazard: '' } };
