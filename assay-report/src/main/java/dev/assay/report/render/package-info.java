/**
 * Renderers of a run: self-contained HTML, Markdown, CSV, plus the formatting and escaping
 * they share. Renderers never measure or estimate; they format what run.json holds and say
 * "not measured: reason" where it holds nothing.
 */
package dev.assay.report.render;
