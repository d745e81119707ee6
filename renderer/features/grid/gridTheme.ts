/**
 * AG Grid v36 themes (Theming API): Quartz, dense like a desktop data tool, light and dark.
 */
import { colorSchemeDark, colorSchemeLight, themeQuartz } from 'ag-grid-community';
import type { ThemeName } from '../../store/uiTypes';

const dense = {
  fontFamily: 'inherit',
  fontSize: 12.5,
  headerFontSize: 12,
  spacing: 5,
  rowHeight: 28,
  headerHeight: 50,
  wrapperBorderRadius: 0,
  wrapperBorder: false,
  headerFontWeight: 600,
  cellHorizontalPadding: 10,
};

export const gridThemes = {
  light: themeQuartz.withPart(colorSchemeLight).withParams({
    ...dense,
    accentColor: '#3b6fd6',
    backgroundColor: '#ffffff',
    headerBackgroundColor: '#f6f8fa',
    oddRowBackgroundColor: '#fbfcfd',
  }),
  dark: themeQuartz.withPart(colorSchemeDark).withParams({
    ...dense,
    accentColor: '#5b8def',
    backgroundColor: '#1b1f24',
    foregroundColor: '#d7dae0',
    headerBackgroundColor: '#22272e',
    oddRowBackgroundColor: '#1e2328',
  }),
} satisfies Record<ThemeName, unknown>;
