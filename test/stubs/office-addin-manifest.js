// Stand-in for office-addin-manifest inside Jest: office-addin-mock imports it only for the OfficeApp host names.
module.exports = {
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
};
