<#import "template.ftl" as layout>
<#import "fields.ftl" as fields>
<#import "password-commons.ftl" as passwordCommons>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password','password-confirm'); section>
    <#if section = "header">
        Choisir un nouveau mot de passe
    <#elseif section = "form">
        <form id="kc-passwd-update-form" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate>
            <@fields.password name="password-new" label="Nouveau mot de passe" hint=fields.newPasswordHint()
                autocomplete="new-password" autofocus=true error=messagesPerField.existsError('password')?then(messagesPerField.get('password'), '')/>
            <@fields.password name="password-confirm" label="Confirmation du nouveau mot de passe" autocomplete="new-password"
                error=messagesPerField.existsError('password-confirm')?then(messagesPerField.get('password-confirm'), '')/>
            <div class="fr-checkbox-group fr-mb-3w">
                <input type="checkbox" id="logout-sessions" name="logout-sessions" value="on" checked>
                <label class="fr-label" for="logout-sessions">Me déconnecter de mes autres appareils</label>
            </div>
            <ul class="fr-btns-group">
                <li><button class="fr-btn" name="login" type="submit" id="kc-update-password">Enregistrer le mot de passe</button></li>
                <#if isAppInitiatedAction??>
                    <li><button class="fr-btn fr-btn--secondary" type="submit" name="cancel-aia" value="true">Annuler</button></li>
                </#if>
            </ul>
        </form>
    </#if>
</@layout.registrationLayout>
