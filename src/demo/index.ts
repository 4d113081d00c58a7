export { DEMO_DISTRICT, SEED_AGENCY_CODE, SEED_AGENCY_NAME, districtReportCommands, loadDemoData, seedDocumentText, type DemoSummary } from './demo-data';
