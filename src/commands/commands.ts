/**
 * Ribbon commands. In the shared runtime these run in the task pane's page (taskpane.html loads this bundle);
 * commands.html is the template's stand-alone page for the same code. The ribbon button itself is a
 * `ShowTaskpane` action in the manifest; `KA.ShowTaskpane` below lets a keyboard shortcut or a future
 * `ExecuteFunction` button open the pane too.
 */

/** Opens the task pane and tells Office the command is done, whatever happens. */
export async function showTaskpane(event?: { completed(): void }): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } catch {
    // Hosts without the shared runtime have no Office.addin: the ribbon's ShowTaskpane action still works.
  } finally {
    event?.completed();
  }
}

if (typeof Office !== "undefined") {
  Office.onReady(() => {
    Office.actions?.associate("KA.ShowTaskpane", showTaskpane);
  });
}
