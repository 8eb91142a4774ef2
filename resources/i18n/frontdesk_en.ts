<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Frontdesk</source>
        <translation>About Frontdesk</translation>
    </message>
    <message>
        <source>The workstation for call-centre agents and branch cashiers.</source>
        <translation>The workstation for call-centre agents and branch cashiers.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <source>Server&apos;s current version:</source>
        <translation>Server&apos;s current version:</translation>
    </message>
    <message>
        <source>not known yet</source>
        <translation>not known yet</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Oldest version the server accepts:</source>
        <translation>Oldest version the server accepts:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Data folder:</translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Void %1</source>
        <extracomment>Notes and coins of the till&apos;s currencies, largest first (others: count by value).</extracomment>
        <translation>Void %1</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>Refund %1</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>Refund amount</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Left to refund</source>
        <translation>Left to refund</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>&amp;Tender</source>
        <translation>&amp;Tender</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
</context>
<context>
    <name>AdminPages</name>
    <message>
        <source>Disable %1? They are signed out at once, on every desk, and cannot sign in until enabled again.</source>
        <translation>Disable %1? They are signed out at once, on every desk, and cannot sign in until enabled again.</translation>
    </message>
    <message>
        <source>New password for %1 (they are signed out everywhere):</source>
        <translation>New password for %1 (they are signed out everywhere):</translation>
    </message>
    <message>
        <source>Revoke the device %1? Every sign-in on it stops at once, and nobody can sign in there again.</source>
        <translation>Revoke the device %1? Every sign-in on it stops at once, and nobody can sign in there again.</translation>
    </message>
    <message>
        <source>Users and devices</source>
        <translation>Users and devices</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>&amp;Disable…</source>
        <translation>&amp;Disable…</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Enable</translation>
    </message>
    <message>
        <source>&amp;Sign out everywhere</source>
        <translation>&amp;Sign out everywhere</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation>Re&amp;voke…</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in use</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>agent</translation>
    </message>
    <message>
        <source>cashier</source>
        <translation>cashier</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>supervisor</translation>
    </message>
    <message>
        <source>admin</source>
        <translation>admin</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Registered by</source>
        <translation>Registered by</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Last seen</translation>
    </message>
    <message>
        <source>Device id</source>
        <translation>Device id</translation>
    </message>
    <message>
        <source>revoked on %1</source>
        <translation>revoked on %1</translation>
    </message>
    <message>
        <source>Choose a user in the table first.</source>
        <translation>Choose a user in the table first.</translation>
    </message>
    <message>
        <source>Type the new password.</source>
        <translation>Type the new password.</translation>
    </message>
    <message>
        <source>Choose a device in the table first.</source>
        <translation>Choose a device in the table first.</translation>
    </message>
    <message>
        <source>The server did not do it: %1</source>
        <translation>The server did not do it: %1</translation>
    </message>
    <message>
        <source>Users: %1 · devices: %2</source>
        <translation>Users: %1 · devices: %2</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Done: %1.</translation>
    </message>
    <message>
        <source>Revoked: %1.</source>
        <translation>Revoked: %1.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Supervisor approval</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <source>Close shift</source>
        <translation>Close shift</translation>
    </message>
    <message>
        <source>Pieces of %1</source>
        <translation>Pieces of %1</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Counted</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>Over / short</translation>
    </message>
</context>
<context>
    <name>ConflictCountLabel</name>
    <message>
        <source>%1 conflict(s) to resolve</source>
        <translation>%1 conflict(s) to resolve</translation>
    </message>
    <message>
        <source>Edit conflicts to resolve</source>
        <translation>Edit conflicts to resolve</translation>
    </message>
    <message>
        <source>Changes of yours that another desk beat; open the customer to resolve them</source>
        <translation>Changes of yours that another desk beat; open the customer to resolve them</translation>
    </message>
</context>
<context>
    <name>ConflictNotice</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Loyalty card</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(nothing)</translation>
    </message>
    <message>
        <source>Your change to %1 was not applied: another desk changed it first. Kept: %2. Yours: %3.</source>
        <translation>Your change to %1 was not applied: another desk changed it first. Kept: %2. Yours: %3.</translation>
    </message>
    <message>
        <source>Conflict over %1</source>
        <translation>Conflict over %1</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>Use mine</translation>
    </message>
    <message>
        <source>Use mine for %1</source>
        <translation>Use mine for %1</translation>
    </message>
    <message>
        <source>Send your value (%1) to the server again</source>
        <translation>Send your value (%1) to the server again</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>Keep theirs</translation>
    </message>
    <message>
        <source>Keep theirs for %1</source>
        <translation>Keep theirs for %1</translation>
    </message>
    <message>
        <source>Keep the other desk&apos;s value (%1); yours is dropped</source>
        <translation>Keep the other desk&apos;s value (%1); yours is dropped</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>Edit conflicts</source>
        <translation>Edit conflicts</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Log contact with %1</source>
        <translation>Log contact with %1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Why the customer got in touch</source>
        <translation>Why the customer got in touch</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Follow up on</source>
        <translation>Follow up on</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Follow-up date</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Channel</source>
        <translation>&amp;Channel</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <source>&amp;Outcome</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Give a reason for the contact.</source>
        <translation>Give a reason for the contact.</translation>
    </message>
</context>
<context>
    <name>CrossSellPanel</name>
    <message>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>Suggested products</source>
        <translation>Suggested products</translation>
    </message>
    <message>
        <source>Suggested for this customer</source>
        <translation>Suggested for this customer</translation>
    </message>
    <message>
        <source>Looking for suggestions…</source>
        <translation>Looking for suggestions…</translation>
    </message>
    <message>
        <source>No suggestions for this customer.</source>
        <translation>No suggestions for this customer.</translation>
    </message>
    <message>
        <source>Popular with customers right now</source>
        <translation>Popular with customers right now</translation>
    </message>
    <message>
        <source>Because they bought: %1</source>
        <translation>Because they bought: %1</translation>
    </message>
</context>
<context>
    <name>CrossSellReasons</name>
    <message>
        <source>bought by %1 of customers who bought %2</source>
        <translation>bought by %1 of customers who bought %2</translation>
    </message>
    <message numerus="yes">
        <source>popular in %2 this month: bought by %n customer(s) in the last %1 days</source>
        <translation>
            <numerusform>popular in %2 this month: bought by %n customer in the last %1 days</numerusform>
            <numerusform>popular in %2 this month: bought by %n customers in the last %1 days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>popular this month: bought by %n customer(s) in the last %1 days</source>
        <translation>
            <numerusform>popular this month: bought by %n customer in the last %1 days</numerusform>
            <numerusform>popular this month: bought by %n customers in the last %1 days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrossSellReportDialog</name>
    <message>
        <source>%1 offers made: %2 accepted, %3 declined (%4).</source>
        <translation>%1 offers made: %2 accepted, %3 declined (%4).</translation>
    </message>
    <message>
        <source>Cross-sell report</source>
        <translation>Cross-sell report</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Declined</source>
        <translation>Declined</translation>
    </message>
    <message>
        <source>Accepted, %</source>
        <translation>Accepted, %</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>By product</source>
        <translation>By product</translation>
    </message>
    <message>
        <source>By agent</source>
        <translation>By agent</translation>
    </message>
    <message>
        <source>By branch</source>
        <translation>By branch</translation>
    </message>
    <message>
        <source>The server did not send the report: %1</source>
        <translation>The server did not send the report: %1</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Purchase history</source>
        <translation>Purchase history</translation>
    </message>
    <message>
        <source>Totals of the purchases shown</source>
        <translation>Totals of the purchases shown</translation>
    </message>
    <message>
        <source>Purchases from</source>
        <translation>Purchases from</translation>
    </message>
    <message>
        <source>Purchases until</source>
        <translation>Purchases until</translation>
    </message>
    <message>
        <source>Product filter</source>
        <translation>Product filter</translation>
    </message>
    <message>
        <source>SKU or product name</source>
        <translation>SKU or product name</translation>
    </message>
    <message>
        <source>Category filter</source>
        <translation>Category filter</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>&amp;Until</translation>
    </message>
    <message>
        <source>&amp;Product</source>
        <translation>&amp;Product</translation>
    </message>
    <message>
        <source>Cate&amp;gory</source>
        <translation>Cate&amp;gory</translation>
    </message>
    <message>
        <source>Purchase history (%1)</source>
        <translation>Purchase history (%1)</translation>
    </message>
    <message>
        <source>Shown: %1 purchases, %2 returns · net %3</source>
        <translation>Shown: %1 purchases, %2 returns · net %3</translation>
    </message>
</context>
<context>
    <name>LazyHistoryModel</name>
    <message>
        <source>%1 each</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>↩ Returned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>The desk is locked</source>
        <translation>The desk is locked</translation>
    </message>
    <message>
        <source>Sign in to continue. Any user of this desk may sign in; without the server, offline sign-in works for users who signed in here in the last %1 days.</source>
        <translation>Sign in to continue. Any user of this desk may sign in; without the server, offline sign-in works for users who signed in here in the last %1 days.</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Lock screen</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Type your user name and password.</translation>
    </message>
    <message>
        <source>The server cannot be reached. Offline sign-in is available only for users who signed in on this desk in the last %1 days.</source>
        <translation>The server cannot be reached. Offline sign-in is available only for users who signed in on this desk in the last %1 days.</translation>
    </message>
    <message>
        <source>The server cannot be reached, and the password is not the one %1 last signed in with here.</source>
        <translation>The server cannot be reached, and the password is not the one %1 last signed in with here.</translation>
    </message>
    <message>
        <source>The server cannot be reached, and offline sign-in is turned off on this desk.</source>
        <translation>The server cannot be reached, and offline sign-in is turned off on this desk.</translation>
    </message>
    <message>
        <source>This desk has not been connected to a server yet: log in once with frontdesk login.</source>
        <translation>This desk has not been connected to a server yet: log in once with frontdesk login.</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>The server refused the sign-in: %1</translation>
    </message>
    <message>
        <source>Could not sign in: %1</source>
        <translation>Could not sign in: %1</translation>
    </message>
    <message>
        <source>Signed in offline until %1; the desk syncs when the server is back.</source>
        <translation>Signed in offline until %1; the desk syncs when the server is back.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Frontdesk</source>
        <extracomment>How many matches one search shows; the lookup issue brings paging and ranking. Offers shown for the open customer.</extracomment>
        <translation>Frontdesk</translation>
    </message>
    <message>
        <source>The server took this desk&apos;s access back: %1.</source>
        <translation>The server took this desk&apos;s access back: %1.</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>&amp;Desk</translation>
    </message>
    <message>
        <source>&amp;Find customer</source>
        <translation>&amp;Find customer</translation>
    </message>
    <message>
        <source>Find a customer (Ctrl+F or F3)</source>
        <translation>Find a customer (Ctrl+F or F3)</translation>
    </message>
    <message>
        <source>&amp;Log contact…</source>
        <translation>&amp;Log contact…</translation>
    </message>
    <message>
        <source>Log a call, visit or e-mail (Ctrl+L)</source>
        <translation>Log a call, visit or e-mail (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Edit customer…</source>
        <translation>&amp;Edit customer…</translation>
    </message>
    <message>
        <source>Edit contacts and notes (Ctrl+E)</source>
        <translation>Edit contacts and notes (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>Language and theme (Ctrl+,)</source>
        <translation>Language and theme (Ctrl+,)</translation>
    </message>
    <message>
        <source>&amp;Till…</source>
        <translation>&amp;Till…</translation>
    </message>
    <message>
        <source>L&amp;ock</source>
        <translation>L&amp;ock</translation>
    </message>
    <message>
        <source>Hide the desk until someone signs in (Ctrl+Shift+L)</source>
        <translation>Hide the desk until someone signs in (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Find a customer: type in the search box (Ctrl+F), then press Enter.</source>
        <translation>Find a customer: type in the search box (Ctrl+F), then press Enter.</translation>
    </message>
    <message>
        <source>Customer sections</source>
        <translation>Customer sections</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>&amp;Timeline</translation>
    </message>
    <message>
        <source>Customer %1 is not in the local cache.</source>
        <translation>Customer %1 is not in the local cache.</translation>
    </message>
    <message>
        <source>⚠ Not encrypted (plain http)</source>
        <translation>⚠ Not encrypted (plain http)</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <source>The local cache has no customers yet.
Log in and sync first: frontdesk login --server URL --user NAME, then frontdesk sync.</source>
        <translation>The local cache has no customers yet.
Log in and sync first: frontdesk login --server URL --user NAME, then frontdesk sync.</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <source>Synced %1 · cursor %2 · %3 customers · %4 purchases</source>
        <translation>Synced %1 · cursor %2 · %3 customers · %4 purchases</translation>
    </message>
    <message>
        <source>Could not read the cache: %1</source>
        <translation>Could not read the cache: %1</translation>
    </message>
    <message>
        <source>Cross-sell &amp;report…</source>
        <translation>Cross-sell &amp;report…</translation>
    </message>
    <message>
        <source>Offers accepted and declined, by product, agent and branch</source>
        <translation>Offers accepted and declined, by product, agent and branch</translation>
    </message>
    <message>
        <source>&amp;Users and devices…</source>
        <translation>&amp;Users and devices…</translation>
    </message>
    <message>
        <source>Disable users, reset passwords, revoke devices</source>
        <translation>Disable users, reset passwords, revoke devices</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Frontdesk…</source>
        <translation>&amp;About Frontdesk…</translation>
    </message>
</context>
<context>
    <name>MoneyField</name>
    <message>
        <source>Enter an amount.</source>
        <translation>Enter an amount.</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Account number</translation>
    </message>
    <message>
        <source>Leave blank to make one</source>
        <translation>Leave blank to make one</translation>
    </message>
    <message>
        <source>&amp;Account number</source>
        <translation>&amp;Account number</translation>
    </message>
    <message>
        <source>A new customer needs a name.</source>
        <translation>A new customer needs a name.</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Offline: the server cannot be reached. Keep working; %1 change(s) wait here and will be sent when it is back.</source>
        <translation>Offline: the server cannot be reached. Keep working; %1 change(s) wait here and will be sent when it is back.</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
</context>
<context>
    <name>PaymentBox</name>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Find customer</source>
        <translation>Find customer</translation>
    </message>
    <message>
        <source>Name, phone or account, then Enter</source>
        <translation>Name, phone or account, then Enter</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <source>Account payment</source>
        <translation>Account payment</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>&amp;Take payment</source>
        <translation>&amp;Take payment</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Discount in</source>
        <translation>Discount in</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>C&amp;ustomer</source>
        <translation>C&amp;ustomer</translation>
    </message>
    <message>
        <source>&amp;Purpose</source>
        <translation>&amp;Purpose</translation>
    </message>
    <message>
        <source>Amount &amp;due</source>
        <translation>Amount &amp;due</translation>
    </message>
    <message>
        <source>Disc&amp;ount</source>
        <translation>Disc&amp;ount</translation>
    </message>
    <message>
        <source>To pay</source>
        <translation>To pay</translation>
    </message>
    <message>
        <source>Ca&amp;sh</source>
        <translation>Ca&amp;sh</translation>
    </message>
    <message>
        <source>Car&amp;d</source>
        <translation>Car&amp;d</translation>
    </message>
    <message>
        <source>&amp;Bank transfer</source>
        <translation>&amp;Bank transfer</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Change due</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Enter what the customer hands over in one or more tenders.</source>
        <translation>Enter what the customer hands over in one or more tenders.</translation>
    </message>
    <message>
        <source>Over your discount limit: a supervisor must approve it.</source>
        <translation>Over your discount limit: a supervisor must approve it.</translation>
    </message>
</context>
<context>
    <name>ProfileCard</name>
    <message>
        <source>No purchases</source>
        <translation>No purchases</translation>
    </message>
    <message>
        <source>Lapsed</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>At risk</translation>
    </message>
    <message>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>Loyal</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>No purchases yet.</source>
        <translation>No purchases yet.</translation>
    </message>
    <message>
        <source>No purchase for more than %1 days.</source>
        <translation>No purchase for more than %1 days.</translation>
    </message>
    <message>
        <source>%1 or more purchases and %2 or more spent.</source>
        <translation>%1 or more purchases and %2 or more spent.</translation>
    </message>
    <message>
        <source>%1 or more purchases.</source>
        <translation>%1 or more purchases.</translation>
    </message>
    <message>
        <source>A single purchase so far.</source>
        <translation>A single purchase so far.</translation>
    </message>
    <message>
        <source>A few purchases, the last one recent.</source>
        <translation>A few purchases, the last one recent.</translation>
    </message>
    <message>
        <source>Purchases: %1 · spent: %2</source>
        <translation>Purchases: %1 · spent: %2</translation>
    </message>
    <message>
        <source>Last purchase %1 days before the newest sale in the cache</source>
        <translation>Last purchase %1 days before the newest sale in the cache</translation>
    </message>
    <message>
        <source>Customer profile</source>
        <translation>Customer profile</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>Customer name</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Loyalty card</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Lifetime spend</source>
        <translation>Lifetime spend</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>Purchases</translation>
    </message>
    <message>
        <source>First purchase</source>
        <translation>First purchase</translation>
    </message>
    <message>
        <source>Last purchase</source>
        <translation>Last purchase</translation>
    </message>
    <message>
        <source>Account %1 · customer since %2</source>
        <translation>Account %1 · customer since %2</translation>
    </message>
</context>
<context>
    <name>ProfileEditor</name>
    <message>
        <source>Edit %1</source>
        <translation>Edit %1</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Phones</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>Loyalty card</source>
        <translation>Loyalty card</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Full &amp;name</source>
        <translation>Full &amp;name</translation>
    </message>
    <message>
        <source>&amp;Phones</source>
        <translation>&amp;Phones</translation>
    </message>
    <message>
        <source>&amp;E-mails</source>
        <translation>&amp;E-mails</translation>
    </message>
    <message>
        <source>Loyalty &amp;card</source>
        <translation>Loyalty &amp;card</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>One phone or e-mail per line.</source>
        <translation>One phone or e-mail per line.</translation>
    </message>
    <message>
        <source>“%1” is not a phone number: use 5 to 15 digits, + first if needed.</source>
        <translation>“%1” is not a phone number: use 5 to 15 digits, + first if needed.</translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address (name@example.com).</source>
        <translation>“%1” is not an e-mail address (name@example.com).</translation>
    </message>
    <message>
        <source>“%1” is not a card number: use 4 to 19 digits.</source>
        <translation>“%1” is not a card number: use 4 to 19 digits.</translation>
    </message>
    <message>
        <source>Notes are longer than %1 characters.</source>
        <translation>Notes are longer than %1 characters.</translation>
    </message>
</context>
<context>
    <name>PurchaseHistoryModel</name>
    <message>
        <source>↩ Return of %1</source>
        <translation>↩ Return of %1</translation>
    </message>
    <message>
        <source>↩ Return</source>
        <translation>↩ Return</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
</context>
<context>
    <name>Receipt</name>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>COPY</source>
        <translation>COPY</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>%1 (checked offline)</source>
        <translation>%1 (checked offline)</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Change due</translation>
    </message>
    <message>
        <source>Discount %1</source>
        <translation>Discount %1</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>A customer not at this desk</source>
        <translation>A customer not at this desk</translation>
    </message>
</context>
<context>
    <name>ReceiptRefundDialog</name>
    <message>
        <source>Refund by receipt</source>
        <translation>Refund by receipt</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Receipt number</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>Refund amount</source>
        <translation>Refund amount</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>&amp;Refund</source>
        <translation>&amp;Refund</translation>
    </message>
    <message>
        <source>Receipt &amp;number</source>
        <translation>Receipt &amp;number</translation>
    </message>
    <message>
        <source>Left to refund</source>
        <translation>Left to refund</translation>
    </message>
    <message>
        <source>&amp;Amount</source>
        <translation>&amp;Amount</translation>
    </message>
    <message>
        <source>&amp;Tender</source>
        <translation>&amp;Tender</translation>
    </message>
    <message>
        <source>R&amp;eason</source>
        <translation>R&amp;eason</translation>
    </message>
    <message>
        <source>Type or scan the receipt number.</source>
        <translation>Type or scan the receipt number.</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>Refund %1</translation>
    </message>
    <message>
        <source>Receipt %1 of till %2, %3, cashier %4</source>
        <translation>Receipt %1 of till %2, %3, cashier %4</translation>
    </message>
    <message>
        <source>Receipt %1 of this till (%2), %3, cashier %4</source>
        <translation>Receipt %1 of this till (%2), %3, cashier %4</translation>
    </message>
    <message>
        <source>Receipt lines</source>
        <translation>Receipt lines</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Discount</translation>
    </message>
    <message>
        <source>Total paid</source>
        <translation>Total paid</translation>
    </message>
    <message>
        <source>Change given</source>
        <translation>Change given</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>Voided: %1</translation>
    </message>
    <message>
        <source>Refunded: %1</source>
        <translation>Refunded: %1</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>Search summary</source>
        <extracomment>Typing pauses shorter than this do not start a search (one search per burst of keys).</extracomment>
        <translation>Search summary</translation>
    </message>
    <message>
        <source>Search by name, phone, e-mail, account or card</source>
        <translation>Search by name, phone, e-mail, account or card</translation>
    </message>
    <message>
        <source>Customer search</source>
        <translation>Customer search</translation>
    </message>
    <message>
        <source>&amp;New customer…</source>
        <translation>&amp;New customer…</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>New customer</translation>
    </message>
    <message>
        <source>Register a new customer from what you typed</source>
        <translation>Register a new customer from what you typed</translation>
    </message>
    <message>
        <source>Matching customers</source>
        <translation>Matching customers</translation>
    </message>
    <message>
        <source>Customers found: %1</source>
        <translation>Customers found: %1</translation>
    </message>
    <message>
        <source>No customer matches “%1”.</source>
        <translation>No customer matches “%1”.</translation>
    </message>
    <message>
        <source>Type a name, phone, e-mail, account or card number.</source>
        <translation>Type a name, phone, e-mail, account or card number.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Name</source>
        <extracomment>Data role under which every model returns the row object itself. Returns are drawn in a red that reads on light and dark backgrounds alike. Which search-results column shows the field a match was found by (e-mail, card: none).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Same as the system</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Theme:</translation>
    </message>
    <message>
        <source>Changes apply as soon as you press OK.</source>
        <translation>Changes apply as soon as you press OK.</translation>
    </message>
</context>
<context>
    <name>SpendChart</name>
    <message>
        <source>Spend per month</source>
        <translation>Spend per month</translation>
    </message>
    <message>
        <source>No purchases to chart.</source>
        <translation>No purchases to chart.</translation>
    </message>
    <message>
        <source>Spend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net spend per month in %1, %2 to %3; largest month %4.</source>
        <translation>Net spend per month in %1, %2 to %3; largest month %4.</translation>
    </message>
    <message>
        <source>Spend per month (%1)</source>
        <translation>Spend per month (%1)</translation>
    </message>
</context>
<context>
    <name>SupervisorFields</name>
    <message>
        <source>Supervisor approval</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Supervisor password</source>
        <translation>Supervisor password</translation>
    </message>
    <message>
        <source>S&amp;upervisor</source>
        <translation>S&amp;upervisor</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>A supervisor must sign in with their name and password.</source>
        <translation>A supervisor must sign in with their name and password.</translation>
    </message>
</context>
<context>
    <name>SyncStatusView</name>
    <message>
        <source>Sync now</source>
        <extracomment>Failed items listed in the tooltip; the CLI&apos;s ``sync --status`` lists them all.</extracomment>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch new data now</source>
        <translation>Send waiting changes and fetch new data now</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Changes to send</source>
        <translation>Changes to send</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Last successful sync</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1 waiting · %2 failed</source>
        <translation>%1 waiting · %2 failed</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Last sync %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
</context>
<context>
    <name>Till</name>
    <message>
        <source>Over by %1</source>
        <translation>Over by %1</translation>
    </message>
    <message>
        <source>Short by %1</source>
        <translation>Short by %1</translation>
    </message>
    <message>
        <source>Exact</source>
        <translation>Exact</translation>
    </message>
    <message>
        <source>Tender</source>
        <translation>Tender</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TillRefusal</name>
    <message>
        <source>This desk is not logged in to a server</source>
        <translation>This desk is not logged in to a server</translation>
    </message>
    <message>
        <source>The server cannot be reached</source>
        <translation>The server cannot be reached</translation>
    </message>
    <message>
        <source>refund</source>
        <translation>refund</translation>
    </message>
    <message>
        <source>void</source>
        <translation>void</translation>
    </message>
    <message>
        <source>a cashier</source>
        <translation>a cashier</translation>
    </message>
    <message>
        <source>a call-centre agent</source>
        <translation>a call-centre agent</translation>
    </message>
    <message>
        <source>Register %1 already has an open shift; close it first.</source>
        <translation>Register %1 already has an open shift; close it first.</translation>
    </message>
    <message>
        <source>Register %1 has no open shift; open one first.</source>
        <translation>Register %1 has no open shift; open one first.</translation>
    </message>
    <message>
        <source>Register %1 has no shift yet.</source>
        <translation>Register %1 has no shift yet.</translation>
    </message>
    <message numerus="yes">
        <source>%n transaction(s) of this shift are not synced yet: sync first, or a supervisor must approve closing anyway.</source>
        <translation>
            <numerusform>%n transaction of this shift is not synced yet: sync first, or a supervisor must approve closing anyway.</numerusform>
            <numerusform>%n transactions of this shift are not synced yet: sync first, or a supervisor must approve closing anyway.</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer %1 in this desk&apos;s cache.</source>
        <translation>No customer %1 in this desk&apos;s cache.</translation>
    </message>
    <message>
        <source>Must be a purchase or an account payment, not %1.</source>
        <translation>Must be a purchase or an account payment, not %1.</translation>
    </message>
    <message>
        <source>The request&apos;s key is not a UUID; try again.</source>
        <translation>The request&apos;s key is not a UUID; try again.</translation>
    </message>
    <message>
        <source>Only a purchase can be discounted, not an account payment.</source>
        <translation>Only a purchase can be discounted, not an account payment.</translation>
    </message>
    <message>
        <source>A discount of %1 is over the cashier&apos;s limit of %2% of the sale (%3); a supervisor must approve it.</source>
        <translation>A discount of %1 is over the cashier&apos;s limit of %2% of the sale (%3); a supervisor must approve it.</translation>
    </message>
    <message>
        <source>Only %1 of %2 is left to refund.</source>
        <translation>Only %1 of %2 is left to refund.</translation>
    </message>
    <message>
        <source>%1 was already refunded or voided.</source>
        <translation>%1 was already refunded or voided.</translation>
    </message>
    <message>
        <source>No payment %1 at this till or its branch.</source>
        <translation>No payment %1 at this till or its branch.</translation>
    </message>
    <message>
        <source>No receipt %1 at this till.</source>
        <translation>No receipt %1 at this till.</translation>
    </message>
    <message>
        <source>“%1” is not a receipt number (like SHOP1-00000042).</source>
        <translation>“%1” is not a receipt number (like SHOP1-00000042).</translation>
    </message>
    <message>
        <source>%1 is from register %2, which is not a till of this branch as far as this desk knows. A receipt is refunded in its own branch.</source>
        <translation>%1 is from register %2, which is not a till of this branch as far as this desk knows. A receipt is refunded in its own branch.</translation>
    </message>
    <message>
        <source>No receipt %1 at this till or at the tills of the branch this desk has synced with. If it was taken just now, sync and try again.</source>
        <translation>No receipt %1 at this till or at the tills of the branch this desk has synced with. If it was taken just now, sync and try again.</translation>
    </message>
    <message>
        <source>%1 is a %2 receipt, not a payment: only a payment can be refunded.</source>
        <translation>%1 is a %2 receipt, not a payment: only a payment can be refunded.</translation>
    </message>
    <message>
        <source>%1 has been paid back in full: nothing is left to refund.</source>
        <translation>%1 has been paid back in full: nothing is left to refund.</translation>
    </message>
    <message>
        <source>The server refused the approval: %1</source>
        <translation>The server refused the approval: %1</translation>
    </message>
    <message>
        <source>%1 is %2, not a supervisor.</source>
        <translation>%1 is %2, not a supervisor.</translation>
    </message>
    <message>
        <source>%1, and %2 has not signed in online at this desk before, so there is nothing to check the password against offline.</source>
        <translation>%1, and %2 has not signed in online at this desk before, so there is nothing to check the password against offline.</translation>
    </message>
    <message>
        <source>Wrong password for %1 (checked offline).</source>
        <translation>Wrong password for %1 (checked offline).</translation>
    </message>
    <message>
        <source>%1, and offline approval is turned off at this desk.</source>
        <translation>%1, and offline approval is turned off at this desk.</translation>
    </message>
    <message>
        <source>%1, and %2&apos;s last online sign-in here is too long ago for an offline approval (valid until %3).</source>
        <translation>%1, and %2&apos;s last online sign-in here is too long ago for an offline approval (valid until %3).</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1 is not a number</translation>
    </message>
    <message>
        <source>must be a finite number, got %1</source>
        <translation>must be a finite number, got %1</translation>
    </message>
    <message>
        <source>must be given as a decimal string, not a float (%1)</source>
        <translation>must be given as a decimal string, not a float (%1)</translation>
    </message>
    <message>
        <source>must be more than zero, got %1</source>
        <translation>must be more than zero, got %1</translation>
    </message>
    <message>
        <source>over the limit of %1</source>
        <translation>over the limit of %1</translation>
    </message>
    <message>
        <source>%1 takes at most %2 decimal places, got %3</source>
        <translation>%1 takes at most %2 decimal places, got %3</translation>
    </message>
    <message>
        <source>%1 is not accepted here (only %2)</source>
        <translation>%1 is not accepted here (only %2)</translation>
    </message>
    <message>
        <source>unknown currency code %1 (expected ISO 4217, e.g. GBP)</source>
        <translation>unknown currency code %1 (expected ISO 4217, e.g. GBP)</translation>
    </message>
    <message>
        <source>give at least one tender</source>
        <translation>give at least one tender</translation>
    </message>
    <message>
        <source>%1 does not cover %2</source>
        <translation>%1 does not cover %2</translation>
    </message>
    <message>
        <source>only cash can be more than the amount due</source>
        <translation>only cash can be more than the amount due</translation>
    </message>
    <message>
        <source>cannot be more than 100%, got %1%</source>
        <translation>cannot be more than 100%, got %1%</translation>
    </message>
    <message>
        <source>%1 is more than the sale of %2</source>
        <translation>%1 is more than the sale of %2</translation>
    </message>
    <message>
        <source>must leave something to pay (the sale is %1)</source>
        <translation>must leave something to pay (the sale is %1)</translation>
    </message>
    <message>
        <source>must not be negative, got %1</source>
        <translation>must not be negative, got %1</translation>
    </message>
    <message>
        <source>a percentage takes at most %1 decimal places, got %2</source>
        <translation>a percentage takes at most %1 decimal places, got %2</translation>
    </message>
</context>
<context>
    <name>TillReport</name>
    <message>
        <source>Z-report</source>
        <translation>Z-report</translation>
    </message>
    <message>
        <source>X-report</source>
        <translation>X-report</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Float</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Payments</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <source>Voids</source>
        <translation>Voids</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Net</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Expected cash</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Discounts</translation>
    </message>
    <message>
        <source>  approved over limit</source>
        <translation>  approved over limit</translation>
    </message>
    <message>
        <source>Counted cash</source>
        <translation>Counted cash</translation>
    </message>
    <message>
        <source>Over (+) / short (-)</source>
        <translation>Over (+) / short (-)</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Closed unsynced, approved by</source>
        <translation>Closed unsynced, approved by</translation>
    </message>
    <message>
        <source>Approved offline</source>
        <translation>Approved offline</translation>
    </message>
    <message>
        <source>unverified; the back office reviews them</source>
        <translation>unverified; the back office reviews them</translation>
    </message>
</context>
<context>
    <name>TillWindow</name>
    <message>
        <source>Till %1</source>
        <translation>Till %1</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Shift report</translation>
    </message>
    <message>
        <source>Open a shift</source>
        <translation>Open a shift</translation>
    </message>
    <message>
        <source>Starting float</source>
        <translation>Starting float</translation>
    </message>
    <message>
        <source>&amp;Open shift</source>
        <translation>&amp;Open shift</translation>
    </message>
    <message>
        <source>Starting &amp;float</source>
        <translation>Starting &amp;float</translation>
    </message>
    <message>
        <source>Transactions of this shift</source>
        <translation>Transactions of this shift</translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>Tenders</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Refundable</source>
        <translation>Refundable</translation>
    </message>
    <message>
        <source>&amp;Print receipt…</source>
        <translation>&amp;Print receipt…</translation>
    </message>
    <message>
        <source>&amp;Refund…</source>
        <translation>&amp;Refund…</translation>
    </message>
    <message>
        <source>&amp;Void…</source>
        <translation>&amp;Void…</translation>
    </message>
    <message>
        <source>Refund by rece&amp;ipt…</source>
        <translation>Refund by rece&amp;ipt…</translation>
    </message>
    <message>
        <source>&amp;X-report</source>
        <translation>&amp;X-report</translation>
    </message>
    <message>
        <source>&amp;Close shift…</source>
        <translation>&amp;Close shift…</translation>
    </message>
    <message>
        <source>Register %1 · cashier %2</source>
        <translation>Register %1 · cashier %2</translation>
    </message>
    <message>
        <source>no open shift</source>
        <translation>no open shift</translation>
    </message>
    <message>
        <source>shift open since %1, float %2</source>
        <translation>shift open since %1, float %2</translation>
    </message>
    <message>
        <source>Paid: receipt %1, change due %2</source>
        <translation>Paid: receipt %1, change due %2</translation>
    </message>
    <message>
        <source>%1 (declined)</source>
        <translation>%1 (declined)</translation>
    </message>
    <message>
        <source>Server declined</source>
        <translation>Server declined</translation>
    </message>
    <message>
        <source>Declined by the server: %1</source>
        <translation>Declined by the server: %1</translation>
    </message>
    <message>
        <source>This payment needs a supervisor&apos;s approval.</source>
        <translation>This payment needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>A discount of %1 on a sale of %2 is over the cashier&apos;s limit of %3% of the sale (%4). A supervisor must approve it.</source>
        <translation>A discount of %1 on a sale of %2 is over the cashier&apos;s limit of %3% of the sale (%4). A supervisor must approve it.</translation>
    </message>
    <message>
        <source>approved by %1 (checked offline)</source>
        <translation>approved by %1 (checked offline)</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>approved by %1</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Payment</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Refund</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>discount %1</source>
        <translation>discount %1</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Card</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Bank transfer</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>%1 %2: receipt %3</source>
        <translation>%1 %2: receipt %3</translation>
    </message>
    <message>
        <source>The till could not do that: %1</source>
        <translation>The till could not do that: %1</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>Visit</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Purchase</source>
        <translation>Purchase</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>follow up %1</source>
        <translation>follow up %1</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <source>%1, return of %2</source>
        <translation>%1, return of %2</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>Timeline (%1)</source>
        <translation>Timeline (%1)</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <source>Frontdesk update</source>
        <translation>Frontdesk update</translation>
    </message>
    <message>
        <source>This desk (%1) is older than the server accepts (%2 or newer). Your work is kept on this desk and is sent once Frontdesk is updated: %3</source>
        <translation>This desk (%1) is older than the server accepts (%2 or newer). Your work is kept on this desk and is sent once Frontdesk is updated: %3</translation>
    </message>
    <message>
        <source>This desk (%1) is older than the server accepts (%2 or newer). Your work is kept on this desk and is sent once Frontdesk is updated.</source>
        <translation>This desk (%1) is older than the server accepts (%2 or newer). Your work is kept on this desk and is sent once Frontdesk is updated.</translation>
    </message>
    <message>
        <source>Frontdesk %1 is available: %2</source>
        <translation>Frontdesk %1 is available: %2</translation>
    </message>
    <message>
        <source>Frontdesk %1 is available.</source>
        <translation>Frontdesk %1 is available.</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>Connect this desk</source>
        <translation>Connect this desk</translation>
    </message>
    <message>
        <source>Type the address of your company's Frontdesk server and check it, then sign in. The desk registers itself with the server and copies its customers, once; after that it works even when the network does not.</source>
        <translation>Type the address of your company's Frontdesk server and check it, then sign in. The desk registers itself with the server and copies its customers, once; after that it works even when the network does not.</translation>
    </message>
    <message>
        <source>Server &amp;address</source>
        <translation>Server &amp;address</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Type the server's address, such as https://frontdesk.example:8765.</source>
        <translation>Type the server's address, such as https://frontdesk.example:8765.</translation>
    </message>
    <message>
        <source>Type your user name and password.</source>
        <translation>Type your user name and password.</translation>
    </message>
    <message>
        <source>Till &amp;register</source>
        <translation>Till &amp;register</translation>
    </message>
    <message>
        <source>a till only: the code your administrator set up</source>
        <translation>a till only: the code your administrator set up</translation>
    </message>
    <message>
        <source>Till register</source>
        <translation>Till register</translation>
    </message>
    <message>
        <source>A register code is up to 20 letters, digits, - or _, as your administrator set it up (for example SHOP1).</source>
        <translation>A register code is up to 20 letters, digits, - or _, as your administrator set it up (for example SHOP1).</translation>
    </message>
</context>
<context>
    <name>FirstPullPage</name>
    <message>
        <source>Pages done: %1 · Customers so far: %2</source>
        <translation>Pages done: %1 · Customers so far: %2</translation>
    </message>
    <message>
        <source>Copying the customers to this desk</source>
        <translation>Copying the customers to this desk</translation>
    </message>
    <message>
        <source>This happens once. Cancel keeps what has come in: Continue, or the next start of Frontdesk, goes on from there.</source>
        <translation>This happens once. Cancel keeps what has come in: Continue, or the next start of Frontdesk, goes on from there.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>C&amp;ontinue</source>
        <translation>C&amp;ontinue</translation>
    </message>
    <message>
        <source>First pull progress</source>
        <translation>First pull progress</translation>
    </message>
    <message>
        <source>Estimating the time left…</source>
        <translation>Estimating the time left…</translation>
    </message>
    <message>
        <source>Stopping after this page…</source>
        <translation>Stopping after this page…</translation>
    </message>
    <message>
        <source>The first pull stopped before it finished. Continue goes on from there.</source>
        <translation>The first pull stopped before it finished. Continue goes on from there.</translation>
    </message>
    <message>
        <source>Less than a minute left</source>
        <translation>Less than a minute left</translation>
    </message>
    <message>
        <source>Cancelled. What came in is kept; Continue goes on from there.</source>
        <translation>Cancelled. What came in is kept; Continue goes on from there.</translation>
    </message>
    <message>
        <source>About %1 min left</source>
        <translation>About %1 min left</translation>
    </message>
</context>
<context>
    <name>SetupWindow</name>
    <message>
        <source>Frontdesk: connect this desk</source>
        <translation>Frontdesk: connect this desk</translation>
    </message>
</context>
<context>
    <name>SetupWords</name>
    <message>
        <source>The server answered (version %1). Its certificate is trusted by this computer.</source>
        <translation>The server answered (version %1). Its certificate is trusted by this computer.</translation>
    </message>
    <message>
        <source>The server answered (version %1), over plain http on this computer.</source>
        <translation>The server answered (version %1), over plain http on this computer.</translation>
    </message>
    <message>
        <source>The server's certificate could not be verified: ask your administrator. Nothing was sent.</source>
        <translation>The server's certificate could not be verified: ask your administrator. Nothing was sent.</translation>
    </message>
    <message>
        <source>Could not finish: %1</source>
        <translation>Could not finish: %1</translation>
    </message>
    <message>
        <source>The server's certificate is not trusted by this computer (self-signed or from an unknown authority): ask your administrator for the CA file and set FRONTDESK_CA_BUNDLE to it. Nothing was sent.</source>
        <translation>The server's certificate is not trusted by this computer (self-signed or from an unknown authority): ask your administrator for the CA file and set FRONTDESK_CA_BUNDLE to it. Nothing was sent.</translation>
    </message>
    <message>
        <source>The server's certificate was issued for another name than this address: use the address the certificate names, or ask your administrator. Nothing was sent.</source>
        <translation>The server's certificate was issued for another name than this address: use the address the certificate names, or ask your administrator. Nothing was sent.</translation>
    </message>
    <message>
        <source>The server's certificate has expired: ask your administrator to renew it. Nothing was sent.</source>
        <translation>The server's certificate has expired: ask your administrator to renew it. Nothing was sent.</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>The server refused the sign-in: %1</translation>
    </message>
    <message>
        <source>Refused to send anything to %1: plain http is unencrypted and is used only with localhost or a loopback address; use https, or set %2=1 to allow it.</source>
        <translation>Refused to send anything to %1: plain http is unencrypted and is used only with localhost or a loopback address; use https, or set %2=1 to allow it.</translation>
    </message>
    <message>
        <source>Cannot reach the server at %1. Check the address and the network, or ask your administrator whether the server is running. (%2)</source>
        <translation>Cannot reach the server at %1. Check the address and the network, or ask your administrator whether the server is running. (%2)</translation>
    </message>
</context>
<context>
    <name>ScreenPop</name>
    <message>
        <source>No customer with id or account number %1 in the local cache.</source>
        <translation>No customer with id or account number %1 in the local cache.</translation>
    </message>
</context>
</TS>
