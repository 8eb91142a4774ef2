"""Getting data into the central database: the Online Retail data set and customer lists."""

from frontdesk.server.importers.common import ImportFileError, ImportReport
from frontdesk.server.importers.customers_csv import CustomersImportReport, import_customers_csv
from frontdesk.server.importers.online_retail import RetailImportReport, import_online_retail

__all__ = [
    "CustomersImportReport",
    "ImportFileError",
    "ImportReport",
    "RetailImportReport",
    "import_customers_csv",
    "import_online_retail",
]
