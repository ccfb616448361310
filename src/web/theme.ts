import { createTheme, type MantineColorsTuple } from '@mantine/core'

/** A calm, professional blue. */
const brand: MantineColorsTuple = [
  '#e8f3fb',
  '#d3e4f3',
  '#a6c8e7',
  '#76aada',
  '#4e91cf',
  '#3681c9',
  '#2879c7',
  '#1a67b0',
  '#0c5b9e',
  '#004f8c',
]

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 7,
  colors: { brand },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  components: {
    // No visual "*" after labels: the label's text stays exactly the field name (screen readers get
    // `required` from the input itself) and every field of our short forms is required anyway.
    TextInput: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    Textarea: { defaultProps: { withAsterisk: false } },
    Select: { defaultProps: { withAsterisk: false } },
    NativeSelect: { defaultProps: { withAsterisk: false } },
    // Badges read as written ("Ativo", not "ATIVO").
    Badge: { defaultProps: { tt: 'none' } },
    Button: { defaultProps: { radius: 'md' } },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Modal: { defaultProps: { radius: 'md' } },
  },
})
