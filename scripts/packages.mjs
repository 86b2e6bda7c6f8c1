// The npm packages this repository publishes, each with its own package.json, README, LICENSE and dist/.
// The root (n8n-nodes-cirrus-assessment) is the one place where repository, homepage and author are
// defined; scripts/package-meta.mjs derives the other packages' from it.
export const PACKAGE_DIRS = ['.', 'packages/n8n-nodes-kmi-learning'];
