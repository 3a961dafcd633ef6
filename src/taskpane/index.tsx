// Placeholder task pane (build skeleton): the task-pane helper replaces this file with the real pane.
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Title1, webLightTheme } from "@fluentui/react-components";

function render(): void {
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Title1 as="h1">KA Risk</Title1>
    </FluentProvider>
  );
}

if (typeof Office !== "undefined") Office.onReady(render);
else render();
