import { Badge, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamily:
    'Inter, "Segoe UI", system-ui, -apple-system, "Helvetica Neue", Roboto, "Noto Sans", Arial, sans-serif',
  headings: { fontWeight: '650' },
  components: {
    Card: { defaultProps: { withBorder: true, radius: 'md', padding: 'lg' } },
    // A badge (a status, a role) is never cut to "Bortta…": it keeps its width and the
    // column around it grows or the table scrolls.
    Badge: Badge.extend({ styles: { root: { minWidth: 'max-content', flexShrink: 0 }, label: { overflow: 'visible', textOverflow: 'clip' } } }),
  },
});
