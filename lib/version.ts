/** The tool's version, as the Report states it. Keep in step with package.json (a test checks). */
export const TOOL_VERSION = '0.1.0';
