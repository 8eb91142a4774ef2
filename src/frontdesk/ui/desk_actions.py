"""The main window's Desk and Help menus and toolbar, and the actions on them.

The menu and the toolbar outlive a language change (only their texts change), so their texts
keep the window's translation context. ``shape`` shows only what the role at the desk may do
(``services.back_office.DeskRole``): a hidden action has no shortcut either.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

from frontdesk.services.back_office import DeskRole
from frontdesk.ui.icons import themed_icon

translate = QCoreApplication.translate


class DeskActions(QObject):
    """The actions of the main window; the window connects what each one does.

    The customer actions (log a contact, edit, lock) start disabled until a customer is open,
    or the window has a lock screen; Till until the window is given the desk's till; Reports
    and Users and devices until it is given the back office. Till, Reports and Users and
    devices show only for a role that may use them (``shape``).
    """

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.find_action = QAction(themed_icon("search"), "", window)
        self.find_action.setObjectName("findAction")
        self.find_action.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("F3")])
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.contact_action = self._customer_action(window, "contactAction", "Ctrl+L")
        self.edit_action = self._customer_action(window, "editCustomerAction", "Ctrl+E")
        # Shown once the window is given the desk's cases (``MainWindow.set_cases``).
        self.new_case_action = self._customer_action(window, "newCaseAction", "Ctrl+Shift+N")
        self.new_case_action.setVisible(False)
        self.cases_action = QAction("", window)  # the cases panel, on its queues
        self.cases_action.setObjectName("casesAction")
        self.cases_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.cases_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.cases_action.setVisible(False)
        self.products_action = QAction("", window)  # the Products page, on its search box
        self.products_action.setObjectName("productsAction")
        self.products_action.setShortcut(QKeySequence("F4"))
        self.products_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.products_action.setVisible(False)
        # Back from the Cases page to the customer (enabled only there: Esc is the page's).
        self.customer_page_action = QAction("", window)
        self.customer_page_action.setObjectName("customerPageAction")
        self.customer_page_action.setShortcut(QKeySequence("Esc"))
        self.customer_page_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.customer_page_action.setVisible(False)
        self.customer_page_action.setEnabled(False)
        self.settings_action = QAction(themed_icon("settings"), "", window)
        self.settings_action.setObjectName("settingsAction")
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.till_action = QAction("", window)
        self.till_action.setObjectName("tillAction")
        self.till_action.setEnabled(False)
        self.reports_action = self._back_office_action(window, "reportsAction")
        self.board_action = self._back_office_action(window, "boardAction")
        self.admin_action = self._back_office_action(window, "adminAction")
        self.role = DeskRole(None)
        self.shape(self.role)
        self.lock_action = self._customer_action(window, "lockAction", "Ctrl+Shift+L")
        self.quit_action = QAction("", window)
        self.quit_action.setObjectName("quitAction")
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = QAction("", window)
        self.about_action.setObjectName("aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self._build_menu(window)
        self._build_toolbar(window)

    def _customer_action(self, window: QMainWindow, name: str, shortcut: str) -> QAction:
        action = QAction("", window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(False)
        return action

    def _back_office_action(self, window: QMainWindow, name: str) -> QAction:
        action = QAction("", window)
        action.setObjectName(name)
        action.setEnabled(False)
        return action

    def _build_menu(self, window: QMainWindow) -> None:
        self.desk_menu = window.menuBar().addMenu("")
        self.desk_menu.addActions(self._everyday())
        self.desk_menu.addAction(self.new_case_action)
        self.desk_menu.addAction(self.cases_action)
        self.desk_menu.addAction(self.products_action)
        self.desk_menu.addAction(self.customer_page_action)
        self.desk_menu.addAction(self.till_action)
        self.desk_menu.addAction(self.board_action)
        self.desk_menu.addAction(self.reports_action)
        self.desk_menu.addAction(self.admin_action)
        self.desk_menu.addAction(self.lock_action)
        self.desk_menu.addSeparator()
        self.desk_menu.addAction(self.quit_action)
        self.help_menu = window.menuBar().addMenu("")
        self.help_menu.addAction(self.about_action)

    def _build_toolbar(self, window: QMainWindow) -> None:
        self.toolbar = QToolBar(window)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.addActions(self._everyday())
        window.addToolBar(self.toolbar)

    def _everyday(self) -> list[QAction]:
        return [self.find_action, self.contact_action, self.edit_action, self.settings_action]

    def shape(self, role: DeskRole) -> None:
        """Show Till, Reports and Users and devices only where ``role`` may use them."""
        self.role = role
        self.till_action.setVisible(role.till)
        self.reports_action.setVisible(role.reports)
        self.board_action.setVisible(role.reports)
        self.admin_action.setVisible(role.admin)

    def enable_customer_actions(self, enabled: bool) -> None:
        """Log contact and Edit customer: a customer is open and the desk can write."""
        self.contact_action.setEnabled(enabled)
        self.edit_action.setEnabled(enabled)

    def retranslate(self) -> None:
        self.desk_menu.setTitle(translate("MainWindow", "&Desk"))
        self.find_action.setText(translate("MainWindow", "&Find customer"))
        self.find_action.setToolTip(translate("MainWindow", "Find a customer (Ctrl+F or F3)"))
        self.contact_action.setText(translate("MainWindow", "&Log contact…"))
        self.contact_action.setToolTip(
            translate("MainWindow", "Log a call, visit or e-mail (Ctrl+L)")
        )
        self.edit_action.setText(translate("MainWindow", "&Edit customer…"))
        self.edit_action.setToolTip(translate("MainWindow", "Edit contacts and notes (Ctrl+E)"))
        self.new_case_action.setText(translate("MainWindow", "New &case…"))
        self.new_case_action.setToolTip(
            translate(
                "MainWindow",
                "Open a case for this customer; from a purchase or contact, about it "
                "(Ctrl+Shift+N)",
            )
        )
        self.cases_action.setText(translate("MainWindow", "Ca&ses"))
        self.cases_action.setToolTip(
            translate("MainWindow", "The case queues and the case search (Ctrl+Shift+C)")
        )
        self.products_action.setText(translate("MainWindow", "&Products"))
        self.products_action.setToolTip(
            translate("MainWindow", "Find a product by scanning it, by SKU or by name (F4)")
        )
        self.customer_page_action.setText(translate("MainWindow", "C&ustomer"))
        self.customer_page_action.setToolTip(
            translate("MainWindow", "Back from the Cases or Products page to the customer (Esc)")
        )
        self.settings_action.setText(translate("MainWindow", "&Settings…"))
        self.settings_action.setToolTip(translate("MainWindow", "Language and theme (Ctrl+,)"))
        self.till_action.setText(translate("MainWindow", "&Till…"))
        self.reports_action.setText(translate("MainWindow", "Cross-sell &report…"))
        self.reports_action.setToolTip(
            translate("MainWindow", "Offers accepted and declined, by product, agent and branch")
        )
        self.board_action.setText(translate("MainWindow", "Super&visor's screen…"))
        self.board_action.setToolTip(
            translate("MainWindow", "Today's tills against the same weekday last week")
        )
        self.admin_action.setText(translate("MainWindow", "&Users and devices…"))
        self.admin_action.setToolTip(
            translate("MainWindow", "Disable users, reset passwords, revoke devices")
        )
        self.lock_action.setText(translate("MainWindow", "L&ock"))
        self.lock_action.setToolTip(
            translate("MainWindow", "Hide the desk until someone signs in (Ctrl+Shift+L)")
        )
        self.quit_action.setText(translate("MainWindow", "&Quit"))
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.about_action.setText(translate("MainWindow", "&About Frontdesk…"))
        self.toolbar.setWindowTitle(translate("MainWindow", "Toolbar"))
        self.toolbar.setAccessibleName(translate("MainWindow", "Toolbar"))
