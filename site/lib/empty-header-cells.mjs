/**
 * Markdown tables whose top-left corner is empty (`| | Go 1.21 | Go 1.22 |`) would print an empty
 * `<th>`: a header that names nothing, which screen readers announce as a blank column header
 * (axe: empty-table-header). This Sätteri hast plugin turns such an empty header cell into a plain
 * `<td>`, so the table reads the same and the corner is no longer a header.
 */

/** @param {any} node */
function isEmpty(node) {
  return (node.children ?? []).every(
    (/** @type {any} */ c) => c.type === 'text' && String(c.value ?? '').trim() === '',
  )
}

function hastPlugin() {
  return {
    name: 'go-alloc-empty-header-cells',
    element: {
      filter: ['th'],
      /** @param {any} node @param {any} ctx */
      visit(node, ctx) {
        if (!isEmpty(node)) return
        ctx.replaceNode(node, { type: 'element', tagName: 'td', properties: {}, children: [] })
      },
    },
  }
}

/** @returns {import('astro').AstroIntegration} */
export function emptyHeaderCellsIntegration() {
  return {
    name: 'go-alloc-empty-header-cells',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const processor = /** @type {any} */ (config.markdown)?.processor
        if (processor?.options?.hastPlugins) processor.options.hastPlugins.push(hastPlugin())
        else logger.warn('Markdown processor has no hastPlugins: empty table corners stay <th>.')
      },
    },
  }
}
